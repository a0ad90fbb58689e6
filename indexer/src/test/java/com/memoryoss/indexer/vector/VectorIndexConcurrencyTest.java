package com.memoryoss.indexer.vector;

import static org.assertj.core.api.Assertions.assertThat;

import com.memoryoss.indexer.vector.VectorIndexHealth.GraphState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Background building and concurrent use. */
class VectorIndexConcurrencyTest {
  private static final int DIM = 384;

  @Test
  void searchesAnswerExactlyWhileTheGraphIsStillBuilding() {
    Queue<Runnable> pending = new ArrayDeque<>();
    SyntheticVectors data = SyntheticVectors.clustered(DIM, 30, 21);
    Map<UUID, float[]> stored = new HashMap<>();
    try (InMemoryVectorIndex index =
        new InMemoryVectorIndex(
            DIM, pending::add, VectorIndexSettings.DEFAULTS.withHnswThreshold(1_000))) {
      for (int i = 0; i < 3_000; i++) {
        UUID id = UUID.randomUUID();
        float[] v = data.next();
        index.upsert(id, v);
        stored.put(id, v);
      }
      // The builder has not run at all: searches must not wait for it and must be exact.
      VectorIndexHealth building = index.health();
      assertThat(building.graph()).isEqualTo(GraphState.BUILDING);
      assertThat(building.graphNodes()).isZero();
      assertThat(pending).hasSize(1); // one task per index, however many writes
      assertExact(index, stored, data);

      // Run the background work step by step: each task does one batch and resubmits itself.
      int tasks = 0;
      while (!pending.isEmpty()) {
        pending.poll().run();
        tasks++;
        assertThat(pending.size()).isLessThanOrEqualTo(1);
        if (tasks == 3) {
          assertThat(index.health().graph()).isEqualTo(GraphState.BUILDING);
          assertThat(index.health().graphNodes())
              .isEqualTo(3 * VectorIndexSettings.DEFAULTS.buildBatch());
          assertExact(index, stored, data);
        }
      }
      VectorIndexHealth ready = index.health();
      assertThat(ready.graph()).isEqualTo(GraphState.READY);
      assertThat(ready.graphNodes()).isEqualTo(3_000);
      assertThat(ready.graphBuildMillis()).isNotNegative();

      // New vectors are searchable at once, as the exact-scanned tail, before the graph has them.
      UUID late = UUID.randomUUID();
      float[] lateVector = data.next();
      index.upsert(late, lateVector);
      assertThat(index.health().graphLag()).isEqualTo(1);
      assertThat(index.search(lateVector, 1, null)).extracting(VectorHit::id).containsExactly(late);
      pending.poll().run();
      assertThat(index.health().graphLag()).isZero();
      assertThat(index.search(lateVector, 1, null)).extracting(VectorHit::id).containsExactly(late);
    }
  }

  private static void assertExact(
      InMemoryVectorIndex index, Map<UUID, float[]> stored, SyntheticVectors data) {
    for (float[] query : data.next(5)) {
      assertThat(index.search(query, 10, null))
          .extracting(VectorHit::id)
          .containsExactlyElementsOf(VectorIndexExactTest.bruteForce(stored, query, 10));
    }
  }

  @Test
  void concurrentUpsertsAndSearchesLoseNothing() throws Exception {
    ExecutorService background = Executors.newFixedThreadPool(2);
    ExecutorService workers = Executors.newFixedThreadPool(6);
    int writers = 4;
    int perWriter = 1_500;
    try (InMemoryVectorIndex index =
        new InMemoryVectorIndex(
            DIM, background, VectorIndexSettings.DEFAULTS.withHnswThreshold(300))) {
      Map<UUID, float[]> latest = new ConcurrentHashMap<>();
      List<Throwable> errors = new CopyOnWriteArrayList<>();
      AtomicBoolean writing = new AtomicBoolean(true);
      CountDownLatch writersDone = new CountDownLatch(writers);
      for (int w = 0; w < writers; w++) {
        int seed = w;
        workers.execute(() -> {
          try {
            SyntheticVectors data = SyntheticVectors.clustered(DIM, 40, 100 + seed);
            List<UUID> mine = new ArrayList<>();
            for (int i = 0; i < perWriter; i++) {
              // One write in five replaces an earlier vector of this writer.
              UUID id =
                  i % 5 == 4
                      ? mine.get(ThreadLocalRandom.current().nextInt(mine.size()))
                      : UUID.randomUUID();
              float[] v = data.next();
              index.upsert(id, v);
              latest.put(id, v);
              mine.add(id);
              if (i % 10 == 0) { // read-your-writes, from the writing thread
                List<VectorHit> own = index.search(v, 1, id::equals);
                if (own.size() != 1 || own.get(0).similarity() < 0.999f) {
                  throw new AssertionError("upsert of " + id + " not visible: " + own);
                }
              }
            }
          } catch (Throwable t) {
            errors.add(t);
          } finally {
            writersDone.countDown();
          }
        });
      }
      for (int s = 0; s < 2; s++) {
        workers.execute(() -> {
          SyntheticVectors queries = SyntheticVectors.clustered(DIM, 40, 999);
          try {
            while (writing.get()) {
              int k = 1 + ThreadLocalRandom.current().nextInt(50);
              List<VectorHit> hits =
                  index.search(queries.next(), k, id -> (id.hashCode() & 3) != 0);
              if (hits.size() > k || hits.stream().anyMatch(h -> (h.id().hashCode() & 3) == 0)) {
                throw new AssertionError("bad hits " + hits);
              }
              index.health();
            }
          } catch (Throwable t) {
            errors.add(t);
          }
        });
      }
      assertThat(writersDone.await(3, TimeUnit.MINUTES)).isTrue();
      writing.set(false);
      workers.shutdown();
      assertThat(workers.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
      assertThat(errors).isEmpty();

      VectorIndexTesting.awaitSettled(index);
      assertThat(index.size()).isEqualTo(latest.size());
      assertThat(index.health().graph()).isEqualTo(GraphState.READY);
      int selfTop1 = 0;
      for (Map.Entry<UUID, float[]> e : latest.entrySet()) {
        assertThat(index.vector(e.getKey())).containsExactly(e.getValue());
        assertThat(index.search(e.getValue(), 1, e.getKey()::equals)).extracting(VectorHit::id)
            .containsExactly(e.getKey());
        if (index.search(e.getValue(), 1, null).get(0).id().equals(e.getKey())) {
          selfTop1++;
        }
      }
      // Through the graph, a stored vector finds itself first essentially always.
      assertThat(selfTop1).isGreaterThanOrEqualTo((int) (0.99 * latest.size()));
    } finally {
      background.shutdownNow();
      workers.shutdownNow();
    }
  }
}
