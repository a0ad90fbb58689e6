package com.memoryoss.protocol.api;

import com.memoryoss.protocol.CborSerializable;
import com.memoryoss.protocol.Memory;
import java.util.List;

/**
 * One recall hit: the memory, its final score, the channels that found it ({@code provenance}),
 * and its trust score ({@code low_trust} when under the configured threshold).
 */
public record ScoredMemory(
    Memory memory,
    double score,
    List<String> provenance,
    double trustScore,
    boolean lowTrust,
    float[] embedding)
    implements CborSerializable {

  public ScoredMemory(
      Memory memory, double score, List<String> provenance, double trustScore, boolean lowTrust) {
    this(memory, score, provenance, trustScore, lowTrust, null);
  }
}
