package com.memoryoss.protocol;

import java.util.List;

/**
 * One ranked memory of a recall: its final score, the channels that found it ({@code vector},
 * {@code fts}, {@code exact}, ...), and its trust score ({@code lowTrust} when under the configured
 * threshold). {@code embedding} is present only when the query asked for vectors.
 */
public record RecallHit(
    Memory memory,
    double score,
    List<String> provenance,
    double trustScore,
    boolean lowTrust,
    float[] embedding)
    implements CborSerializable {

  public RecallHit {
    provenance = provenance == null ? List.of() : List.copyOf(provenance);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecallHit h && memory.equals(h.memory) && score == h.score
        && provenance.equals(h.provenance) && trustScore == h.trustScore
        && lowTrust == h.lowTrust && java.util.Arrays.equals(embedding, h.embedding);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(memory, score, provenance, trustScore, lowTrust)
        + java.util.Arrays.hashCode(embedding);
  }
}
