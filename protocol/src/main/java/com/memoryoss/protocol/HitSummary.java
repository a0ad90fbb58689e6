package com.memoryoss.protocol;

import java.util.List;
import java.util.UUID;

/** A compact rendering of a recall hit: its first sentence plus up to two evidence snippets. */
public record HitSummary(
    UUID memoryId,
    String summary,
    double score,
    double trustScore,
    boolean lowTrust,
    MemoryStatus status,
    List<String> tags,
    List<String> provenance,
    List<String> evidence)
    implements CborSerializable {

  public HitSummary {
    tags = tags == null ? List.of() : List.copyOf(tags);
    provenance = provenance == null ? List.of() : List.copyOf(provenance);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }
}
