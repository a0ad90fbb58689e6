package com.memoryoss.indexer.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.memoryoss.indexer.vector.VectorIndexHealth.GraphState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Behaviour of the index below the HNSW threshold, where every search is an exact scan. */
class VectorIndexExactTest {
  private static final int DIM = 384;
  private static final Executor NO_BACKGROUND_WORK =
      task -> {
        throw new AssertionError("an exact-only index must not schedule graph work");
      };

  private final SyntheticVectors data = SyntheticVectors.clustered(DIM, 20, 1);

  private InMemoryVectorIndex newIndex() {
    return new InMemoryVectorIndex(DIM, NO_BACKGROUND_WORK);
  }

  @Test
  void searchOnEmptyIndexFindsNothing() {
    try (InMemoryVectorIndex index = newIndex()) {
      assertThat(index.search(data.next(), 10, null)).isEmpty();
      assertThat(index.size()).isZero();
      assertThat(index.vector(UUID.randomUUID())).isNull();
    }
  }

  @Test
  void returnsExactTopKBestFirstWithCosineSimilarities() {
    try (InMemoryVectorIndex index = newIndex()) {
      Map<UUID, float[]> stored = fill(index, 2_000);
      float[] query = data.next();
      List<VectorHit> hits = index.search(query, 10, null);
      assertThat(hits)
          .extracting(VectorHit::id)
          .containsExactlyElementsOf(bruteForce(stored, query, 10));
      for (VectorHit hit : hits) {
        assertThat(hit.similarity())
            .isCloseTo(SyntheticVectors.dot(query, stored.get(hit.id())), offset(1e-4f));
      }
      assertThat(hits).isSortedAccordingTo(Comparator.comparing(VectorHit::similarity).reversed());
    }
  }

  @Test
  void kLargerThanSizeReturnsEverything() {
    try (InMemoryVectorIndex index = newIndex()) {
      Map<UUID, float[]> stored = fill(index, 7);
      List<VectorHit> hits = index.search(data.next(), 100, null);
      assertThat(hits)
          .extracting(VectorHit::id)
          .containsExactlyInAnyOrderElementsOf(stored.keySet());
      assertThat(index.search(data.next(), Integer.MAX_VALUE, null)).hasSize(7);
      assertThat(index.search(data.next(), 0, null)).isEmpty();
    }
  }

  @Test
  void upsertReplacesAVector() {
    try (InMemoryVectorIndex index = newIndex()) {
      fill(index, 100);
      UUID id = UUID.randomUUID();
      float[] first = data.next();
      float[] second = data.next();
      index.upsert(id, first);
      index.upsert(id, second);
      assertThat(index.size()).isEqualTo(101);
      assertThat(index.vector(id)).containsExactly(second);
      List<VectorHit> hits = index.search(second, 1, null);
      assertThat(hits).extracting(VectorHit::id).containsExactly(id);
      assertThat(hits.get(0).similarity()).isGreaterThan(0.999f);
      // The old vector no longer finds the id with its old similarity.
      assertThat(index.search(first, 101, null))
          .filteredOn(h -> h.id().equals(id))
          .singleElement()
          .satisfies(h -> assertThat(h.similarity()).isLessThan(0.99f));
    }
  }

  @Test
  void removedIdsNeverComeBackAndFiltersAreHonoured() {
    try (InMemoryVectorIndex index = newIndex()) {
      Map<UUID, float[]> stored = fill(index, 1_000);
      List<UUID> ids = new ArrayList<>(stored.keySet());
      for (UUID id : ids.subList(0, 300)) {
        index.remove(id);
        stored.remove(id);
      }
      index.remove(UUID.randomUUID()); // unknown ids are ignored
      assertThat(index.size()).isEqualTo(700);
      for (int q = 0; q < 20; q++) {
        float[] query = data.next();
        assertThat(index.search(query, 1_000, null))
            .extracting(VectorHit::id)
            .containsExactlyInAnyOrderElementsOf(stored.keySet());
        List<VectorHit> filtered = index.search(query, 10, id -> (id.hashCode() & 1) == 0);
        Map<UUID, float[]> accepted = new HashMap<>();
        stored.forEach(
            (id, v) -> {
              if ((id.hashCode() & 1) == 0) {
                accepted.put(id, v);
              }
            });
        assertThat(filtered)
            .extracting(VectorHit::id)
            .containsExactlyElementsOf(bruteForce(accepted, query, 10));
      }
    }
  }

  @Test
  void compactionDropsTombstonesWithoutChangingResults() {
    try (InMemoryVectorIndex index = newIndex()) {
      Map<UUID, float[]> stored = fill(index, 2_000);
      List<UUID> ids = new ArrayList<>(stored.keySet());
      for (UUID id : ids.subList(0, 1_000)) {
        index.remove(id);
        stored.remove(id);
      }
      VectorIndexHealth health = index.health();
      assertThat(health.graph()).isEqualTo(GraphState.NONE);
      assertThat(health.tombstones()).isLessThan(500); // compacted at least once on the way
      assertThat(health.size()).isEqualTo(1_000);
      float[] query = data.next();
      assertThat(index.search(query, 10, null))
          .extracting(VectorHit::id)
          .containsExactlyElementsOf(bruteForce(stored, query, 10));
      for (UUID id : stored.keySet()) {
        assertThat(index.vector(id)).containsExactly(stored.get(id));
      }
    }
  }

  @Test
  void rejectsInvalidVectorsAndNormalisesOthers() {
    try (InMemoryVectorIndex index = newIndex()) {
      UUID id = UUID.randomUUID();
      assertThatThrownBy(() -> index.upsert(id, new float[3]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("dimension");
      float[] nan = data.next();
      nan[5] = Float.NaN;
      assertThatThrownBy(() -> index.upsert(id, nan)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> index.upsert(id, new float[DIM]))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> index.search(data.next(), -1, null))
          .isInstanceOf(IllegalArgumentException.class);
      float[] scaled = data.next();
      float[] expected = scaled.clone();
      for (int i = 0; i < DIM; i++) {
        scaled[i] *= 3;
      }
      index.upsert(id, scaled);
      scaled[0] = 42; // the index kept its own copy
      assertThat(index.vector(id)).usingComparatorWithPrecision(1e-6f).containsExactly(expected);
      assertThat(index.search(expected, 1, null).get(0).similarity()).isGreaterThan(0.9999f);
    }
  }

  @Test
  void closedIndexRefusesWork() {
    InMemoryVectorIndex index = newIndex();
    fill(index, 10);
    index.close();
    index.close();
    assertThatThrownBy(() -> index.search(data.next(), 1, null))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> index.upsert(UUID.randomUUID(), data.next()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(index.health().size()).isZero();
  }

  private Map<UUID, float[]> fill(InMemoryVectorIndex index, int n) {
    Map<UUID, float[]> stored = new HashMap<>();
    for (int i = 0; i < n; i++) {
      UUID id = UUID.randomUUID();
      float[] v = data.next();
      index.upsert(id, v);
      stored.put(id, v);
    }
    return stored;
  }

  /** Independent oracle: double-precision brute force. */
  static List<UUID> bruteForce(Map<UUID, float[]> vectors, float[] query, int k) {
    return vectors.entrySet().stream()
        .sorted(
            Comparator.comparingDouble(
                (Map.Entry<UUID, float[]> e) -> -SyntheticVectors.dot(query, e.getValue())))
        .limit(k)
        .map(Map.Entry::getKey)
        .toList();
  }
}
