package com.memoryoss.indexer;

import com.memoryoss.protocol.Memory;
import java.util.List;

/**
 * A ranked recall candidate.
 *
 * @param score final score in [0, 1]
 * @param provenance channels that found it ({@code vector}, {@code fts}, {@code exact}, ...)
 * @param why how the score came about (for query-explain)
 */
public record Ranked(
    Memory memory, double score, List<String> provenance, double trust, Breakdown why) {

  /** Raw and normalised channel scores and every factor applied after fusion. */
  public record Breakdown(
      Channels raw,
      Channels normalized,
      double maxChannel,
      double base,
      double recency,
      double agentBoost,
      double relevance,
      double statusFactor,
      double trustMultiplier,
      TrustScorer.Assessment trust) {}

  /** One value per retrieval channel; 0 where a channel did not find the memory. */
  public record Channels(double vector, double fts, double exact) {}
}
