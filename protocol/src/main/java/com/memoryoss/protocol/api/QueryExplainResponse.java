package com.memoryoss.protocol.api;

import com.memoryoss.protocol.CborSerializable;
import com.memoryoss.protocol.RecallWeights;
import java.util.List;
import java.util.UUID;

/**
 * Reply of {@code POST /v1/admin/query-explain}: how recall ranked the candidates for a request,
 * channel by channel. {@code final_results} is exactly what recall returns for the same request
 * (same page, same order, same scores); {@code candidates} also shows those below the page or cut
 * by a threshold.
 */
public record QueryExplainResponse(
    String query,
    String namespace,
    String consistency,
    long indexerLag,
    String model,
    boolean usedVector,
    boolean usedFts,
    List<String> identifiers,
    RecallWeights weights,
    double minChannelScore,
    double minRecallScore,
    double diversityFactor,
    List<Candidate> candidates,
    List<ScoredMemory> finalResults)
    implements CborSerializable {

  /**
   * One candidate with each channel's raw and normalised score and the factors after fusion. The
   * trust interval and signals are optional (absent from older nodes).
   */
  public record Candidate(
      UUID id,
      String preview,
      int rank,
      boolean returned,
      List<String> provenance,
      Scores raw,
      Scores normalized,
      double maxChannelScore,
      double baseScore,
      double recencyScore,
      double agentBoost,
      double relevance,
      double statusFactor,
      double trustScore,
      double trustMultiplier,
      double finalScore,
      Double trustConfidenceLow,
      Double trustConfidenceHigh,
      TrustSignals trustSignals)
      implements CborSerializable {}

  /** Per channel. */
  public record Scores(double vector, double fts, double exact) implements CborSerializable {}
}
