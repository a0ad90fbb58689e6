package com.memoryoss.indexer;

import com.memoryoss.indexer.embed.Embedder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recently embedded queries, per model: a repeated query skips the model. Bounded (least recently
 * used entries go first) and entries expire after a TTL.
 *
 * <p>Thread-safe.
 */
public final class QueryEmbeddingCache {
  private final int maxEntries;
  private final long ttlNanos;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
  private long hits;
  private long misses;

  private record Entry(float[] vector, long at) {}

  public QueryEmbeddingCache(int maxEntries, long ttlSeconds) {
    this.maxEntries = maxEntries;
    this.ttlNanos = ttlSeconds * 1_000_000_000L;
  }

  public float[] embed(Embedder embedder, String query) {
    String key = embedder.modelId() + '\u0000' + query.strip();
    long now = System.nanoTime();
    synchronized (this) {
      Entry e = entries.get(key);
      if (e != null && now - e.at < ttlNanos) {
        hits++;
        return e.vector;
      }
      misses++;
    }
    float[] v = embedder.embedQuery(query);
    if (maxEntries > 0) {
      synchronized (this) {
        entries.put(key, new Entry(v, now));
        if (entries.size() > maxEntries) {
          var it = entries.entrySet().iterator();
          it.next();
          it.remove();
        }
      }
    }
    return v;
  }

  /** Drops everything; returns how many entries there were. */
  public synchronized int flush() {
    int n = entries.size();
    entries.clear();
    return n;
  }

  /** {@code [valid entries, total entries, hits, misses]}. */
  public synchronized long[] stats() {
    long now = System.nanoTime();
    long valid = entries.values().stream().filter(e -> now - e.at < ttlNanos).count();
    return new long[] {valid, entries.size(), hits, misses};
  }

  @Override
  public String toString() {
    return "QueryEmbeddingCache" + Map.of("size", entries.size());
  }
}
