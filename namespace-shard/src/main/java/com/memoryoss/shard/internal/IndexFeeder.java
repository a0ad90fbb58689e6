package com.memoryoss.shard.internal;

import com.memoryoss.indexer.IndexOp;
import com.memoryoss.indexer.NamespaceIndex;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feeds a namespace's index behind its write path: ops are applied in submission (journal) order,
 * one batch at a time, on an executor, never on the entity's thread. Embedding happens here, so a
 * store is acknowledged on durability and becomes searchable shortly after.
 *
 * <p>{@link #submit} and {@link #barrier} are called on the entity's thread only; {@link #lag} from
 * anywhere.
 */
public final class IndexFeeder {
  private final NamespaceIndex index;
  private final Executor executor;
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
  private long submitted;
  private final AtomicLong applied = new AtomicLong();

  public IndexFeeder(NamespaceIndex index, Executor executor) {
    this.index = index;
    this.executor = executor;
  }

  public NamespaceIndex index() {
    return index;
  }

  /**
   * Queues ops after everything submitted before.
   *
   * @return the embeddings computed for them (to be persisted)
   */
  public CompletableFuture<List<NamespaceIndex.NewEmbedding>> submit(List<IndexOp> ops) {
    long weight = weight(ops);
    submitted += weight;
    CompletableFuture<List<NamespaceIndex.NewEmbedding>> done = tail.thenApplyAsync(v -> {
      try {
        return index.apply(ops);
      } finally {
        applied.addAndGet(weight);
      }
    }, executor);
    tail = done.handle((r, e) -> null);
    return done;
  }

  /** Runs a read against the index after everything submitted so far, on the index executor. */
  public <T> CompletableFuture<T> after(java.util.function.Function<NamespaceIndex, T> read) {
    CompletableFuture<T> r = tail.thenApplyAsync(v -> read.apply(index), executor);
    tail = r.handle((x, e) -> null);
    return r;
  }

  /** Completes once everything submitted so far has been applied (successfully or not). */
  public CompletableFuture<Void> barrier() {
    return tail;
  }

  /** Memories acknowledged but not yet searchable. */
  public long lag() {
    return Math.max(0, submitted - applied.get());
  }

  /** Writes applied so far (a counter, for index-health). */
  public long applied() {
    return applied.get();
  }

  public long submitted() {
    return submitted;
  }

  private static long weight(List<IndexOp> ops) {
    long w = 0;
    for (IndexOp op : ops) {
      w += op instanceof IndexOp.Reset r ? Math.max(1, r.memories().size()) : 1;
    }
    return w;
  }
}
