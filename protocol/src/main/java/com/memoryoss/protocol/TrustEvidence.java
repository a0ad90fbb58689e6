package com.memoryoss.protocol;

/**
 * What the rest of its namespace says about one memory's trust: the track record of its source
 * (a Beta estimate over feedback outcomes, with a 95% interval) and how well its embedding agrees
 * with the namespace. Each value is in [0, 1]; {@link #NEUTRAL} where there is no evidence.
 */
public record TrustEvidence(
    double sourceReputation,
    double sourceConfidenceLow,
    double sourceConfidenceHigh,
    double embeddingCoherence) {

  /** No outcome from the source and no embedding neighbourhood: the reference's defaults. */
  public static final TrustEvidence NEUTRAL = new TrustEvidence(0.5, 0.2, 0.8, 0.5);
}
