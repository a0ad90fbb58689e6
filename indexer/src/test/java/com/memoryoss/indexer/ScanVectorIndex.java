package com.memoryoss.indexer;

import com.memoryoss.indexer.vector.VectorHit;
import com.memoryoss.indexer.vector.VectorIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** Test double: the simplest correct vector index, an exact scan over a map. */
final class ScanVectorIndex implements VectorIndex {
  private final int dims;
  private final Map<UUID, float[]> vectors = new ConcurrentHashMap<>();

  ScanVectorIndex(int dims) {
    this.dims = dims;
  }

  @Override
  public int dimensions() {
    return dims;
  }

  @Override
  public void upsert(UUID id, float[] vector) {
    vectors.put(id, vector);
  }

  @Override
  public void remove(UUID id) {
    vectors.remove(id);
  }

  @Override
  public float[] vector(UUID id) {
    return vectors.get(id);
  }

  @Override
  public List<VectorHit> search(float[] q, int k, Predicate<UUID> filter) {
    List<VectorHit> all = new ArrayList<>();
    vectors.forEach((id, v) -> {
      if (filter == null || filter.test(id)) {
        all.add(new VectorHit(id, (float) FusionRanker.dot(q, v)));
      }
    });
    all.sort(Comparator.comparingDouble(VectorHit::similarity).reversed()
        .thenComparing(VectorHit::id));
    return List.copyOf(all.subList(0, Math.min(k, all.size())));
  }

  @Override
  public int size() {
    return vectors.size();
  }

  @Override
  public void close() {}
}
