package com.memoryoss.indexer.vector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

/**
 * An HNSW graph over a {@link VectorStore}'s ordinals, grown in ordinal order by Lucene's {@link
 * HnswGraphBuilder} and searched with {@link HnswGraphSearcher}. Node ids are store ordinals;
 * tombstoned ordinals stay in the graph as navigation nodes and are excluded from results by the
 * searcher's accept bits.
 *
 * <p>Lifecycle: the graph starts <em>private</em>: nodes are inserted without any locking and no
 * search may touch it. Once it lags the store by at most {@code maxTail} ordinals it becomes
 * <em>ready</em> (published through a volatile write). From then on each insertion holds the write
 * lock of a fair read-write lock, because Lucene's {@link OnHeapHnswGraph} is not safe to read
 * while a node is being linked in (its concurrent-build lock is package-private); searches hold
 * the read lock, so a search waits for at most one in-flight insertion. A failed insertion marks
 * the graph failed for good: its structure may be half-updated, so callers stop using it.
 *
 * <p>Threading: {@link #step} must be called by one thread at a time (the index's single
 * maintenance task guarantees it); everything else may be called from any thread.
 */
final class IncrementalHnsw {
  private final VectorStore store;
  private final HnswGraphBuilder builder;
  private final int maxTail;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
  private final long startNanos = System.nanoTime();
  private volatile int covered;
  private volatile boolean ready;
  private volatile RuntimeException failure;
  private volatile long ramBytes;
  private volatile long buildNanos = -1;

  IncrementalHnsw(VectorStore store, VectorIndexSettings settings) {
    this.store = store;
    this.maxTail = settings.maxTail();
    try {
      // A fixed seed keeps level assignment, hence graphs and test outcomes, reproducible.
      this.builder =
          HnswGraphBuilder.create(
              StoreScorers.supplier(store), settings.maxConn(), settings.beamWidth(), 42L);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Inserts up to {@code max} pending ordinals. Maintenance thread only. Never throws: a failure
   * is recorded and reported by {@link #failure()}.
   *
   * @return how many ordinals were inserted
   */
  int step(int max) {
    if (failure != null) {
      return 0;
    }
    int target = store.count();
    int done = 0;
    try {
      while (done < max && covered < target) {
        int ord = covered;
        if (ready) {
          lock.writeLock().lock();
          try {
            builder.addGraphNode(ord);
          } finally {
            lock.writeLock().unlock();
          }
        } else {
          builder.addGraphNode(ord);
        }
        covered = ord + 1;
        done++;
      }
      if (!ready && store.count() - covered <= maxTail) {
        buildNanos = System.nanoTime() - startNanos;
        ready = true;
      }
      ramBytes = readyOrPrivateRamBytes();
    } catch (IOException e) {
      failure = new UncheckedIOException(e);
    } catch (RuntimeException e) {
      failure = e;
    }
    return done;
  }

  private long readyOrPrivateRamBytes() {
    if (!ready) {
      return builder.getGraph().ramBytesUsed();
    }
    lock.readLock().lock();
    try {
      return builder.getGraph().ramBytesUsed();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Ordinals not yet inserted. */
  int pending() {
    return store.count() - covered;
  }

  /** Ordinals {@code [0, covered())} are in the graph. */
  int covered() {
    return covered;
  }

  boolean ready() {
    return ready && failure == null;
  }

  RuntimeException failure() {
    return failure;
  }

  /** Heap held by the graph as of the last insertion batch. */
  long ramBytesUsed() {
    return ramBytes;
  }

  /** Nanoseconds from creation until the graph first became ready, or -1 while building. */
  long buildNanos() {
    return buildNanos;
  }

  /** Result of a graph search: candidates (ordinal, graph score) and the prefix it covered. */
  record Result(ScoreDoc[] candidates, int covered) {}

  /**
   * Approximate search among the covered ordinals. Only valid once {@link #ready()}.
   *
   * @param ef candidate list size (the number of candidates returned, at most)
   * @param accept ordinals that may be returned, or {@code null} for all
   * @param visitLimit give up after scoring this many nodes
   * @return the candidates, or {@code null} if the visit limit was hit (the accept bits were too
   *     selective for a graph walk to pay off; the caller should scan instead)
   */
  Result search(float[] query, int ef, Bits accept, int visitLimit) {
    lock.readLock().lock();
    try {
      int n = covered;
      KnnCollector collector =
          HnswGraphSearcher.search(
              StoreScorers.forQuery(store, query), ef, builder.getGraph(), accept, visitLimit);
      if (collector.earlyTerminated()) {
        return null;
      }
      return new Result(collector.topDocs().scoreDocs, n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      lock.readLock().unlock();
    }
  }
}
