package com.memoryoss.protocol;

import java.util.List;

/**
 * A validated recall: the query text, how many results, the metadata filter, optional weights,
 * and a cursor from a previous page.
 *
 * @param limit 1..100
 * @param weights {@code null} means the configured defaults
 * @param strong wait until every acknowledged write is indexed (the default)
 * @param cursor opaque {@code next_cursor} of a previous page, or {@code null}
 * @param minScore drop results scoring below this ({@code min_recall_score}; 0 keeps all)
 * @param minChannelScore precision gate: drop candidates whose best normalised channel score is
 *     below this (0 disables)
 * @param diversityFactor 0 ranks by score only; up to 1 trades score for variety (MMR over
 *     embeddings)
 * @param queryEmbedding a caller-supplied query vector of the namespace's model, or {@code null}
 * @param includeEmbeddings return each hit's vector (off by default: vectors are large and
 *     invertible)
 */
public record RecallQuery(
    String query,
    int limit,
    MemoryFilter filter,
    RecallWeights weights,
    boolean strong,
    String cursor,
    double minScore,
    double minChannelScore,
    double diversityFactor,
    List<Float> queryEmbedding,
    boolean includeEmbeddings)
    implements CborSerializable {

  public RecallQuery {
    filter = filter == null ? MemoryFilter.NONE : filter;
    queryEmbedding = queryEmbedding == null ? null : List.copyOf(queryEmbedding);
  }

  /** A plain query with defaults for everything but the text, limit and filter. */
  public static RecallQuery of(String query, int limit, MemoryFilter filter) {
    return new RecallQuery(query, limit, filter, null, true, null, 0, 0, 0, null, false);
  }
}
