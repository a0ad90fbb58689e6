package com.memoryoss.protocol.api;

import com.memoryoss.protocol.RecallExplanation;
import com.memoryoss.protocol.TrustSignals;
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
    List<ScoredMemory> finalResults) {

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
      TrustSignals trustSignals) {}

  /** Per channel. */
  public record Scores(double vector, double fts, double exact) {
    static Scores of(RecallExplanation.Scores s) {
      return new Scores(s.vector(), s.fts(), s.exact());
    }
  }

  public static QueryExplainResponse of(RecallExplanation e) {
    return new QueryExplainResponse(e.query(), e.namespace(), e.strong() ? "strong" : "eventual",
        e.indexerLag(), e.model(), e.usedVector(), e.usedFts(), e.identifiers(), e.weights(),
        e.minChannelScore(), e.minRecallScore(), e.diversityFactor(),
        e.candidates().stream().map(c -> new Candidate(c.id(), c.preview(), c.rank(),
            c.returned(), c.provenance(), Scores.of(c.raw()), Scores.of(c.normalized()),
            c.maxChannelScore(), c.baseScore(), c.recencyScore(), c.agentBoost(), c.relevance(),
            c.statusFactor(), c.trustScore(), c.trustMultiplier(), c.finalScore(),
            c.trustConfidenceLow(), c.trustConfidenceHigh(), c.trustSignals())).toList(),
        ScoredMemory.of(e.finalResults()));
  }
}
