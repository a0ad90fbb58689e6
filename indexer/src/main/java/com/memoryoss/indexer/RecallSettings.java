package com.memoryoss.indexer;

import com.memoryoss.protocol.RecallWeights;

/**
 * How recall ranks, when the request does not say otherwise.
 *
 * @param weights channel weights; recency counts only for queries with a time cue ("latest",
 *     "recently", "yesterday", ...) unless a request sets it explicitly
 * @param agentBoost added to memories whose agent the query names
 */
public record RecallSettings(RecallWeights weights, double agentBoost) {
  /**
   * Defaults measured on LoCoMo (dense weight about 0.55 of the lexical+dense total was best);
   * see bench/reports/locomo.md. The original's wire defaults (0.30/0.30/0.25/0.15) remain what a
   * request's partial {@code weights} object is completed with.
   */
  public static final RecallSettings DEFAULTS =
      new RecallSettings(new RecallWeights(0.40, 0.30, 0.25, 0.15), 0.05);
}
