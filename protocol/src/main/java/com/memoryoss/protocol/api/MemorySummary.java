package com.memoryoss.protocol.api;

import com.memoryoss.protocol.CborSerializable;
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
    List<Evidence> evidence)
    implements CborSerializable {

  /** A short piece of the memory supporting the summary. */
  public record Evidence(String preview) implements CborSerializable {}
}
