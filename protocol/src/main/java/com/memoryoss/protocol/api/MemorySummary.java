package com.memoryoss.protocol.api;

import com.memoryoss.protocol.HitSummary;
import com.memoryoss.protocol.MemoryStatus;
import java.util.List;
import java.util.UUID;

/** A compact rendering of a recall hit: its first sentence plus up to two evidence snippets. */
public record MemorySummary(
    UUID memoryId,
    String summary,
    double score,
    double trustScore,
    boolean lowTrust,
    MemoryStatus status,
    List<String> tags,
    List<String> provenance,
    List<Evidence> evidence) {

  /** A short piece of the memory supporting the summary. */
  public record Evidence(String preview) {}

  public static MemorySummary of(HitSummary s) {
    // Empty lists are left out of the JSON, as the original does.
    return new MemorySummary(s.memoryId(), s.summary(), s.score(), s.trustScore(), s.lowTrust(),
        s.status(), s.tags().isEmpty() ? null : s.tags(), s.provenance(),
        s.evidence().isEmpty() ? null : s.evidence().stream().map(Evidence::new).toList());
  }
}
