package com.memoryoss.protocol;

/**
 * Fusion weights per channel, each in [0, 1]. Missing components take the defaults of
 * {@link #DEFAULTS} (vector 0.30, fts 0.30, exact 0.25, recency 0.15).
 */
public record RecallWeights(Double vector, Double fts, Double exact, Double recency)
    implements CborSerializable {

  public static final RecallWeights DEFAULTS = new RecallWeights(0.30, 0.30, 0.25, 0.15);

  public RecallWeights {
    vector = clamp(vector);
    fts = clamp(fts);
    exact = clamp(exact);
    recency = clamp(recency);
  }

  /** These weights with missing components filled from {@code defaults}. */
  public RecallWeights orElse(RecallWeights defaults) {
    return new RecallWeights(
        vector != null ? vector : defaults.vector,
        fts != null ? fts : defaults.fts,
        exact != null ? exact : defaults.exact,
        recency != null ? recency : defaults.recency);
  }

  private static Double clamp(Double w) {
    if (w == null || w.isNaN()) {
      return null;
    }
    return Math.max(0.0, Math.min(1.0, w));
  }
}
