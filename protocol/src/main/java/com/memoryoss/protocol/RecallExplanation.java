package com.memoryoss.protocol;

import java.util.List;
import java.util.UUID;

/**
 * How a recall ranked its candidates, channel by channel. {@code finalResults} is exactly what the
 * same recall returns (same page, same order, same scores); {@code candidates} also shows those
 * below the page or cut by a threshold.
 */
public record RecallExplanation(
    String query,
    String namespace,
    boolean strong,
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
    List<RecallHit> finalResults)
    implements CborSerializable {

  public RecallExplanation {
    identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    candidates = candidates == null ? List.of() : List.copyOf(candidates);
    finalResults = finalResults == null ? List.of() : List.copyOf(finalResults);
  }

  /**
   * One candidate with each channel's raw and normalised score and the factors after fusion; the
   * trust interval and signals are {@code null} when the index has none for it.
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
