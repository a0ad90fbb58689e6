package com.memoryoss.protocol.api;

import com.memoryoss.protocol.CborSerializable;
import java.util.List;

/**
 * Reply of a recall, best first. {@code summaries} is omitted when empty; {@code next_cursor} is
 * present when another page may follow.
 */
public record RecallResponse(
    List<ScoredMemory> memories, List<MemorySummary> summaries, String nextCursor)
    implements CborSerializable {

  public RecallResponse {
    memories = List.copyOf(memories);
    summaries = summaries == null || summaries.isEmpty() ? null : List.copyOf(summaries);
  }
}
