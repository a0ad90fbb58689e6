package com.memoryoss.protocol.api;

/**
 * Reply of {@code GET /v1/admin/index-health} for the caller's namespace. {@code indexer_lag} is
 * how many acknowledged writes are not yet searchable; {@code status} is {@code healthy} (no
 * lag), {@code catching_up} (under 100) or {@code behind}.
 */
public record IndexHealthResponse(
    String namespace,
    String status,
    long indexerLag,
    long writeSeq,
    long vectorSeq,
    long ftsSeq,
    int memories,
    String model,
    int vectorIndexSize,
    int embeddedMemories,
    EmbeddingCache embeddingCache,
    Migration migration) {

  /** An embedding-model migration in progress ({@code null} when none). */
  public record Migration(String model, long done, long total) {}

  /** The node's query-embedding cache. */
  public record EmbeddingCache(long valid, long total, long hits, long misses) {}
}
