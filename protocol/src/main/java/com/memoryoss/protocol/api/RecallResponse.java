package com.memoryoss.protocol.api;

import com.memoryoss.protocol.NamespaceReply;
import java.util.List;

/**
 * Reply of a recall, best first. {@code summaries} is omitted when empty; {@code next_cursor} is
 * present when another page may follow.
 */
public record RecallResponse(
    List<ScoredMemory> memories, List<MemorySummary> summaries, String nextCursor) {

  public RecallResponse {
    memories = List.copyOf(memories);
    summaries = summaries == null || summaries.isEmpty() ? null : List.copyOf(summaries);
  }

  public static RecallResponse of(NamespaceReply.Recalled r) {
    return new RecallResponse(ScoredMemory.of(r.hits()),
        r.summaries().stream().map(MemorySummary::of).toList(), r.nextCursor());
  }
}
