package com.memoryoss.protocol;

/**
 * A validated recall: the query text, how many results, the metadata filter, optional weights,
 * and a cursor from a previous page.
 *
 * @param limit 1..100
 * @param weights {@code null} means the configured defaults
 * @param strong wait until every acknowledged write is indexed (the default)
 * @param cursor opaque {@code next_cursor} of a previous page, or {@code null}
 * @param minScore drop results scoring below this (0 keeps everything)
 */
public record RecallQuery(
    String query,
    int limit,
    MemoryFilter filter,
    RecallWeights weights,
    boolean strong,
    String cursor,
    double minScore)
    implements CborSerializable {

  public RecallQuery {
    filter = filter == null ? MemoryFilter.NONE : filter;
  }
}
