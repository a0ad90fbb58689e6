package com.memoryoss.protocol.api;

import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.RecallHit;
import java.util.List;

/**
 * One recall hit as the API shows it: the memory, its final score, the channels that found it
 * ({@code provenance}), and its trust score ({@code low_trust} when under the configured
 * threshold).
 */
public record ScoredMemory(
    Memory memory,
    double score,
    List<String> provenance,
    double trustScore,
    boolean lowTrust,
    float[] embedding) {

  public ScoredMemory(
      Memory memory, double score, List<String> provenance, double trustScore, boolean lowTrust) {
    this(memory, score, provenance, trustScore, lowTrust, null);
  }

  public static ScoredMemory of(RecallHit h) {
    return new ScoredMemory(h.memory(), h.score(), h.provenance(), h.trustScore(), h.lowTrust(),
        h.embedding());
  }

  static List<ScoredMemory> of(List<RecallHit> hits) {
    return hits.stream().map(ScoredMemory::of).toList();
  }
}
