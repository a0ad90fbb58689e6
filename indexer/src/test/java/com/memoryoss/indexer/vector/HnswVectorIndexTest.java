package com.memoryoss.indexer.vector;

import static org.assertj.core.api.Assertions.assertThat;

import com.memoryoss.indexer.vector.VectorIndexHealth.GraphState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HNSW path, with the threshold lowered so that a 20k-vector index (built once for the class)
 * searches through the graph. Ground truth is an independent brute force over the same vectors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HnswVectorIndexTest {
  private static final int DIM = 384;
  private static final int SIZE = 20_000;
  private static final int QUERIES = 100;

  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final SyntheticVectors data = SyntheticVectors.clustered(DIM, 200, 11);
  private final Map<UUID, float[]> stored = new HashMap<>();
  private InMemoryVectorIndex index;

  @BeforeAll
  void buildIndex() throws InterruptedException {
    index =
        new InMemoryVectorIndex(
            DIM, executor, VectorIndexSettings.DEFAULTS.withHnswThreshold(1_000));
    for (int i = 0; i < SIZE; i++) {
      UUID id = UUID.randomUUID();
      float[] v = data.next();
      index.upsert(id, v);
      stored.put(id, v);
    }
    VectorIndexTesting.awaitSettled(index);
  }

  @AfterAll
  void shutDown() {
    index.close();
    executor.shutdownNow();
  }

  @Test
  void graphIsReadyAndCoversEveryVector() {
    VectorIndexHealth health = index.health();
    assertThat(health.graph()).isEqualTo(GraphState.READY);
    assertThat(health.graphNodes()).isEqualTo(SIZE);
    assertThat(health.graphLag()).isZero();
    assertThat(health.graphBytes()).isPositive();
    assertThat(health.bytesPerVector()).isBetween(1_536.0, 3_000.0);
  }

  @Test
  void recallAtTenIsAtLeast95Percent() {
    double recall = averageRecall(null);
    assertThat(recall).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void filteredSearchHonoursTheFilterExactlyWithHighRecall() {
    Predicate<UUID> half = id -> (id.getLeastSignificantBits() & 1) == 0;
    assertThat(averageRecall(half)).isGreaterThanOrEqualTo(0.95);
    // A very selective filter makes the graph walk give up; the scan then answers exactly.
    Predicate<UUID> rare = id -> Math.floorMod(id.getLeastSignificantBits(), 200) == 0;
    assertThat(averageRecall(rare)).isEqualTo(1.0);
  }

  private double averageRecall(Predicate<UUID> filter) {
    Map<UUID, float[]> accepted = new HashMap<>();
    stored.forEach((id, v) -> {
      if (filter == null || filter.test(id)) {
        accepted.put(id, v);
      }
    });
    double sum = 0;
    for (float[] query : data.next(QUERIES)) {
      List<VectorHit> hits = index.search(query, 10, filter);
      assertThat(hits).hasSize(Math.min(10, accepted.size()));
      for (VectorHit hit : hits) {
        assertThat(accepted).containsKey(hit.id());
      }
      Set<UUID> truth = new HashSet<>(VectorIndexExactTest.bruteForce(accepted, query, 10));
      sum += hits.stream().filter(h -> truth.contains(h.id())).count() / (double) truth.size();
    }
    return sum / QUERIES;
  }

  @Test
  void removedIdsNeverComeBackThroughTheGraphOrAfterCompaction() throws InterruptedException {
    SyntheticVectors local = SyntheticVectors.clustered(DIM, 50, 12);
    try (InMemoryVectorIndex small =
        new InMemoryVectorIndex(
            DIM, executor, VectorIndexSettings.DEFAULTS.withHnswThreshold(500))) {
      Map<UUID, float[]> live = new HashMap<>();
      for (int i = 0; i < 3_000; i++) {
        UUID id = UUID.randomUUID();
        float[] v = local.next();
        small.upsert(id, v);
        live.put(id, v);
      }
      VectorIndexTesting.awaitSettled(small);
      assertThat(small.health().graph()).isEqualTo(GraphState.READY);
      List<UUID> ids = new ArrayList<>(live.keySet());
      Set<UUID> removed = new HashSet<>();
      // 20%: below the compaction ratio, so the tombstones must be filtered by the graph search.
      for (UUID id : ids.subList(0, 600)) {
        small.remove(id);
        removed.add(id);
      }
      assertThat(small.health().tombstones()).isEqualTo(600);
      assertNeverFound(small, removed, live);
      // Another 20%: crosses 25% and starts a background compaction; results stay correct
      // throughout.
      for (UUID id : ids.subList(600, 1_200)) {
        small.remove(id);
        removed.add(id);
        if (removed.size() % 100 == 0) {
          assertNeverFound(small, removed, live);
        }
      }
      VectorIndexTesting.awaitSettled(small);
      VectorIndexHealth health = small.health();
      assertThat(health.graph()).isEqualTo(GraphState.READY);
      assertThat(health.size()).isEqualTo(1_800);
      assertThat(health.tombstones()).isLessThan(600);
      assertNeverFound(small, removed, live);
    }
  }

  private static void assertNeverFound(
      InMemoryVectorIndex index, Set<UUID> removed, Map<UUID, float[]> all) {
    for (UUID id : removed.stream().limit(50).toList()) {
      assertThat(index.vector(id)).isNull();
      List<VectorHit> hits = index.search(all.get(id), 20, null);
      assertThat(hits).hasSize(20).extracting(VectorHit::id).doesNotContainAnyElementsOf(removed);
    }
  }
}
