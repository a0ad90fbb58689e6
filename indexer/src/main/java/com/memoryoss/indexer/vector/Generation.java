package com.memoryoss.indexer.vector;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.Bits;

/**
 * One generation of an index: a {@link VectorStore} plus, above the HNSW threshold, an {@link
 * IncrementalHnsw} over it. A compaction copies the live vectors into a fresh generation (dense
 * ordinals, no tombstones) and swaps it in once its graph is ready.
 *
 * <p>Threading: writes go through {@link #store()} under the owning index's write lock; {@link
 * #search} may run concurrently from any thread and never blocks on graph building (see {@link
 * IncrementalHnsw} for the one short wait on an in-flight insertion).
 */
final class Generation {
  private final VectorStore store;
  private volatile IncrementalHnsw graph;

  Generation(int dimensions) {
    this.store = new VectorStore(dimensions);
  }

  VectorStore store() {
    return store;
  }

  IncrementalHnsw graph() {
    return graph;
  }

  /** Starts a (private, not yet searchable) graph over this generation. Writer only. */
  void startGraph(VectorIndexSettings settings) {
    graph = new IncrementalHnsw(store, settings);
  }

  /** A new generation holding this one's live vectors in ordinal order. Writer only. */
  Generation compactedCopy() {
    Generation copy = new Generation(store.dimensions());
    int count = store.count();
    for (int ord = 0; ord < count; ord++) {
      UUID id = store.id(ord);
      if (id != null) {
        copy.store.upsert(id, store.copy(ord));
      }
    }
    return copy;
  }

  /**
   * Top {@code k} live vectors accepted by {@code filter}, best first. Uses the graph when it is
   * ready and exact-scans the ordinals it does not cover yet, so every stored vector is
   * searchable at every moment; without a ready graph it is a pure exact scan.
   */
  List<Scored> search(float[] query, int k, Predicate<UUID> filter, VectorIndexSettings settings) {
    int count = store.count(); // volatile read first: ordinals below it are fully written
    if (count == 0 || k <= 0) {
      return List.of();
    }
    TopK top = new TopK(Math.min(k, count));
    int scanFrom = 0;
    IncrementalHnsw g = graph;
    if (g != null && g.ready()) {
      scanFrom = searchGraph(g, query, k, filter, settings, top);
    }
    scan(query, scanFrom, count, filter, top);
    return toHits(top);
  }

  private List<Scored> toHits(TopK top) {
    List<Scored> hits = new ArrayList<>(top.size());
    for (TopK.Scored s : top.drainBestFirst()) {
      UUID id = store.id(s.ord());
      if (id != null) { // null only if removed concurrently with this search
        hits.add(new Scored(id, s.score()));
      }
    }
    return hits;
  }

  /** Pure exact scan, ignoring any graph: the ground truth the graph is measured against. */
  List<Scored> searchExact(float[] query, int k, Predicate<UUID> filter) {
    int count = store.count();
    if (count == 0 || k <= 0) {
      return List.of();
    }
    TopK top = new TopK(Math.min(k, count));
    scan(query, 0, count, filter, top);
    return toHits(top);
  }

  /** A search hit inside the index: the id and its exact dot product with the query. */
  record Scored(UUID id, float dot) {}

  /**
   * Walks the graph and offers its candidates, rescored with the exact dot product (so graph and
   * scan hits compare on the same scale) into {@code top}.
   *
   * @return the first ordinal the graph did not cover, or 0 if the walk gave up and everything
   *     has to be scanned
   */
  private int searchGraph(
      IncrementalHnsw g,
      float[] query,
      int k,
      Predicate<UUID> filter,
      VectorIndexSettings settings,
      TopK top) {
    int ef = Math.max(k, settings.efSearch());
    // Lucene scores a node before checking its accept bit, so a selective filter makes the walk
    // visit (and score) many rejected nodes. Past a third of the graph a sequential scan, which
    // scores only accepted vectors, is cheaper: give up and scan.
    int visitLimit = Math.max(4 * ef, g.covered() / 3);
    Bits accept = filter == null && store.dead() == 0 ? null : new AcceptBits(store, filter);
    IncrementalHnsw.Result result = g.search(query, ef, accept, visitLimit);
    if (result == null) {
      return 0;
    }
    for (ScoreDoc candidate : result.candidates()) {
      top.offer(candidate.doc, store.dot(query, candidate.doc));
    }
    return result.covered();
  }

  /**
   * Exact scan of {@code [from, to)}. The filter (a map lookup and a match per memory) costs more
   * than a SIMD dot product, so it runs only for vectors that would enter the top k: a handful
   * per query instead of one per stored vector.
   */
  private void scan(float[] query, int from, int to, Predicate<UUID> filter, TopK top) {
    for (int ord = from; ord < to; ord++) {
      UUID id = store.id(ord);
      if (id == null) {
        continue;
      }
      float score = store.dot(query, ord);
      if (top.wouldKeep(ord, score) && (filter == null || filter.test(id))) {
        top.offer(ord, score);
      }
    }
  }

  /** Live and (if given) filter-accepted ordinals, evaluated lazily as the graph walk asks. */
  private record AcceptBits(VectorStore store, Predicate<UUID> filter) implements Bits {
    @Override
    public boolean get(int ord) {
      UUID id = store.id(ord);
      return id != null && (filter == null || filter.test(id));
    }

    @Override
    public int length() {
      return store.count();
    }
  }
}
