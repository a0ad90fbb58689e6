package com.memoryoss.indexer.vector;

import com.memoryoss.indexer.vector.VectorIndexHealth.GraphState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A namespace's {@link VectorIndex} held on the heap: an exact SIMD scan below {@link
 * VectorIndexSettings#hnswThreshold()} live vectors, a Lucene HNSW graph above it.
 *
 * <p><b>Threading.</b> Thread-safe as {@link VectorIndex} requires. Writes are serialised by one
 * lock and cost an append (microseconds); they never wait for graph work. Searches take no index
 * lock: they read the current generation through a volatile field. The one wait a search can see
 * is an in-flight insertion into a ready graph (one node, about a millisecond; see {@link
 * IncrementalHnsw}).
 *
 * <p><b>Graph building.</b> All graph work runs on the {@code executor} given to the constructor,
 * as one task at a time per index that inserts {@link VectorIndexSettings#buildBatch()} vectors
 * and then resubmits itself, so many namespaces can share a small pool fairly. When the live count
 * first reaches the threshold (e.g. while recovery replays 100k vectors), the graph is built in
 * the background and searches keep answering from the exact scan until it is ready; afterwards new
 * vectors are inserted in the background and, until they are, exact-scanned as the graph's tail.
 * Every search therefore sees every stored vector, whatever the graph's progress.
 *
 * <p><b>Removes and replacements</b> tombstone the old ordinal: it is skipped by the scan and kept
 * out of graph results by Lucene's accept bits. When tombstones exceed {@link
 * VectorIndexSettings#compactRatio()} of the stored ordinals, the live vectors are copied into a
 * new generation (under the write lock, a memory copy); without a graph it replaces the old one at
 * once, with a graph it is built in the background and swapped in when ready, while writes go to
 * both generations. Memory peaks at about twice the vectors during that window.
 *
 * <p><b>Failure modes.</b> Invalid vectors (wrong dimension, NaN/Inf, zero) are rejected with
 * {@link IllegalArgumentException}. If the executor rejects a task, the graph simply falls behind
 * (searches stay complete through the scan) and scheduling is retried on the next write. If graph
 * building throws, the graph is abandoned, {@link #health()} reports {@link GraphState#FAILED}
 * with the cause, and the index keeps serving exact results. Exceptions from a search's filter
 * propagate to the caller. After {@link #close()} every method but {@code close}, {@code
 * dimensions} and {@code health} throws {@link IllegalStateException}.
 */
public final class InMemoryVectorIndex implements VectorIndex {
  private final int dimensions;
  private final Executor executor;
  private final VectorIndexSettings settings;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final AtomicBoolean maintenanceScheduled = new AtomicBoolean();
  private volatile Generation serving;
  private volatile Generation next;
  private volatile boolean closed;
  /** Why graphs were given up for this index; once set, no graph is built again. */
  private volatile String graphFailure;
  /** Why the last maintenance task could not be scheduled; cleared by the next success. */
  private volatile String schedulingFailure;

  /** An index with the measured default settings. */
  public InMemoryVectorIndex(int dimensions, Executor executor) {
    this(dimensions, executor, VectorIndexSettings.DEFAULTS);
  }

  /**
   * @param dimensions length of every vector
   * @param executor runs background graph building; shared pools are fine, nothing blocks on it.
   *     A direct executor ({@code Runnable::run}) also works but makes the writer that crosses
   *     the threshold pay for the whole build
   * @param settings thresholds and HNSW parameters
   */
  public InMemoryVectorIndex(int dimensions, Executor executor, VectorIndexSettings settings) {
    if (dimensions < 1) {
      throw new IllegalArgumentException("dimensions must be >= 1");
    }
    this.dimensions = dimensions;
    this.executor = Objects.requireNonNull(executor, "executor");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.serving = new Generation(dimensions);
  }

  @Override
  public int dimensions() {
    return dimensions;
  }

  /** Stores a unit-length copy of {@code vector} (it is normalised if it is not unit length). */
  @Override
  public void upsert(UUID id, float[] vector) {
    Objects.requireNonNull(id, "id");
    float[] unit = Vectors.unitCopy(vector, dimensions);
    writeLock.lock();
    try {
      ensureOpen();
      serving.store().upsert(id, unit);
      Generation n = next;
      if (n != null) {
        n.store().upsert(id, unit);
      }
      afterWrite();
    } finally {
      writeLock.unlock();
    }
    scheduleMaintenance();
  }

  @Override
  public void remove(UUID id) {
    Objects.requireNonNull(id, "id");
    writeLock.lock();
    try {
      ensureOpen();
      serving.store().remove(id);
      Generation n = next;
      if (n != null) {
        n.store().remove(id);
      }
      afterWrite();
    } finally {
      writeLock.unlock();
    }
    scheduleMaintenance();
  }

  @Override
  public float[] vector(UUID id) {
    ensureOpen();
    VectorStore store = serving.store();
    int ord = store.ordinal(id);
    return ord < 0 ? null : store.copy(ord);
  }

  @Override
  public double dot(UUID id, float[] query) {
    ensureOpen();
    VectorStore store = serving.store();
    int ord = store.ordinal(id);
    return ord < 0 || query.length != dimensions ? Double.NaN : store.dot(query, ord);
  }

  /**
   * Nearest live vectors by cosine similarity. The query is normalised like stored vectors. A
   * {@code k} of 0 gives an empty list; a negative one is rejected.
   */
  @Override
  public List<VectorHit> search(float[] query, int k, Predicate<UUID> filter) {
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0");
    }
    float[] unit = Vectors.unitCopy(query, dimensions);
    ensureOpen();
    List<Generation.Scored> scored = serving.search(unit, k, filter, settings);
    List<VectorHit> hits = new ArrayList<>(scored.size());
    for (Generation.Scored s : scored) {
      hits.add(new VectorHit(s.id(), Math.max(-1f, Math.min(1f, s.dot()))));
    }
    return hits;
  }

  @Override
  public int size() {
    ensureOpen();
    return serving.store().live();
  }

  /** Current state for the index-health view. Safe to call at any time, also after close. */
  public VectorIndexHealth health() {
    Generation s = serving;
    VectorStore store = s.store();
    int count = store.count();
    IncrementalHnsw g = s.graph();
    GraphState state;
    if (g == null) {
      state = GraphState.NONE;
    } else if (g.failure() != null) {
      state = GraphState.FAILED;
    } else {
      state = g.ready() ? GraphState.READY : GraphState.BUILDING;
    }
    int covered = g == null ? 0 : g.covered();
    return new VectorIndexHealth(
        count - store.dead(),
        count,
        store.dead(),
        state,
        covered,
        g == null ? 0 : count - covered,
        next != null,
        store.ramBytesUsed(),
        g == null ? 0 : g.ramBytesUsed(),
        g == null || g.buildNanos() < 0 ? -1 : g.buildNanos() / 1_000_000,
        graphFailure != null ? graphFailure : schedulingFailure);
  }

  /** Stops background work and releases the vectors. Idempotent. */
  @Override
  public void close() {
    writeLock.lock();
    try {
      closed = true;
      next = null;
      serving = new Generation(dimensions);
    } finally {
      writeLock.unlock();
    }
  }

  /** Starts a graph or a compaction when due. Caller holds the write lock. */
  private void afterWrite() {
    Generation s = serving;
    VectorStore store = s.store();
    IncrementalHnsw g = s.graph();
    if (g == null && graphFailure == null && store.live() >= settings.hnswThreshold()) {
      s.startGraph(settings);
      return;
    }
    int dead = store.dead();
    boolean due =
        dead >= settings.compactMinDead() && dead >= settings.compactRatio() * store.count();
    boolean graphSettled = g == null || g.ready() || g.failure() != null;
    if (due && next == null && graphSettled) {
      Generation copy = s.compactedCopy();
      if (graphFailure == null && copy.store().live() >= settings.hnswThreshold()) {
        copy.startGraph(settings);
        next = copy;
      } else {
        serving = copy;
      }
    }
  }

  private void scheduleMaintenance() {
    if (closed || !hasGraphWork() || !maintenanceScheduled.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.execute(this::maintain);
      schedulingFailure = null;
    } catch (RejectedExecutionException e) {
      maintenanceScheduled.set(false);
      schedulingFailure = "graph building not scheduled: executor rejected the task (" + e + ")";
    }
  }

  private boolean hasGraphWork() {
    IncrementalHnsw g = serving.graph();
    Generation n = next;
    return (g != null && g.failure() == null && g.pending() > 0)
        || (n != null && n.graph().failure() == null);
  }

  /** One batch of graph work: the serving graph's tail first (it slows searches), then `next`. */
  private void maintain() {
    try {
      if (closed) {
        return;
      }
      int budget = settings.buildBatch();
      IncrementalHnsw g = serving.graph();
      if (g != null) {
        budget -= g.step(budget);
        noteFailure(g);
      }
      Generation n = next;
      if (n != null && budget > 0) {
        IncrementalHnsw ng = n.graph();
        ng.step(budget);
        noteFailure(ng);
        if (ng.ready() || ng.failure() != null) {
          promote(n, ng.ready());
        }
      }
    } finally {
      maintenanceScheduled.set(false);
    }
    // Resubmit rather than loop, so that other namespaces sharing the executor get their turn.
    scheduleMaintenance();
  }

  private void noteFailure(IncrementalHnsw g) {
    RuntimeException e = g.failure();
    if (e != null && graphFailure == null) {
      graphFailure = "HNSW graph building failed; serving exact results: " + e;
    }
  }

  /** Swaps a compacted generation in (or drops it if its graph failed). */
  private void promote(Generation n, boolean ready) {
    writeLock.lock();
    try {
      if (next == n && !closed) {
        if (ready) {
          serving = n;
        }
        next = null;
      }
    } finally {
      writeLock.unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("vector index is closed");
    }
  }
}
