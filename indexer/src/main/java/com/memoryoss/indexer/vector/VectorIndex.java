package com.memoryoss.indexer.vector;

import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Nearest-neighbour search over one namespace's unit vectors (cosine = dot product).
 *
 * <p>Contract: thread-safe (writes and searches may run concurrently from any thread; a search
 * sees every write that returned before it started); {@code upsert} replaces a memory's vector;
 * {@code search} returns at most {@code k} hits, best first, only of memories accepted by {@code
 * filter} ({@code null} accepts all).
 */
public interface VectorIndex extends AutoCloseable {

  int dimensions();

  void upsert(UUID id, float[] vector);

  void remove(UUID id);

  /** The stored vector of a memory, or {@code null}. The array must not be modified. */
  float[] vector(UUID id);

  /**
   * The dot product of a memory's stored vector with {@code query} (same dimensions), or NaN if
   * it has none. Implementations may avoid copying the vector.
   */
  default double dot(UUID id, float[] query) {
    float[] v = vector(id);
    if (v == null) {
      return Double.NaN;
    }
    double d = 0;
    for (int i = 0; i < v.length; i++) {
      d += v[i] * query[i];
    }
    return d;
  }

  List<VectorHit> search(float[] query, int k, Predicate<UUID> filter);

  int size();

  @Override
  void close();
}
