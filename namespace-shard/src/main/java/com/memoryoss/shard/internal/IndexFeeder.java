package com.memoryoss.shard.internal;

import com.memoryoss.indexer.IndexOp;
import com.memoryoss.indexer.NamespaceIndex;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Feeds a namespace's index behind its write path: ops are applied in submission (journal) order
 * on an executor, never on the entity's thread. Embedding happens here, so a store is
 * acknowledged on durability and becomes searchable shortly after. Whatever has queued up while
 * the index was busy is applied in one go, so embedding runs in full batches under load.
 *
 * <p>{@link #submit}, {@link #after} and {@link #barrier} are called on the entity's thread
 * only; {@link #lag} from anywhere.
 */
public final class IndexFeeder {
  private static final int MAX_OPS_PER_DRAIN = 2_000;

  private final NamespaceIndex index;
  private final Executor executor;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private boolean draining;
  private long submitted;
  private final AtomicLong applied = new AtomicLong();

  /** Queued work: ops to apply (answered with the embeddings made), or a read to run. */
  private record Pending(List<IndexOp> ops, long weight, Function<NamespaceIndex, ?> read,
      CompletableFuture<Object> done) {}

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
  @SuppressWarnings("unchecked")
  public CompletableFuture<List<NamespaceIndex.NewEmbedding>> submit(List<IndexOp> ops) {
    long weight = weight(ops);
    submitted += weight;
    index.noteQueued(weight);
    return (CompletableFuture<List<NamespaceIndex.NewEmbedding>>) (CompletableFuture<?>)
        enqueue(new Pending(ops, weight, null, new CompletableFuture<>()));
  }

  /** Runs a read against the index after everything submitted so far, on the index executor. */
  @SuppressWarnings("unchecked")
  public <T> CompletableFuture<T> after(Function<NamespaceIndex, T> read) {
    return (CompletableFuture<T>) enqueue(new Pending(List.of(), 0, read,
        new CompletableFuture<>()));
  }

  /** Completes once everything submitted so far has been applied (successfully or not). */
  public CompletableFuture<Void> barrier() {
    return after(i -> null).handle((x, e) -> null);
  }

  private CompletableFuture<Object> enqueue(Pending p) {
    synchronized (queue) {
      queue.add(p);
      if (!draining) {
        draining = true;
        executor.execute(this::drain);
      }
    }
    return p.done();
  }

  private void drain() {
    while (true) {
      List<Pending> batch = new ArrayList<>();
      Pending read = null;
      synchronized (queue) {
        int ops = 0;
        while (!queue.isEmpty()) {
          Pending next = queue.peek();
          if (next.read() != null) {
            if (batch.isEmpty()) {
              read = queue.poll();
            }
            break;
          }
          if (!batch.isEmpty() && ops + next.ops().size() > MAX_OPS_PER_DRAIN) {
            break;
          }
          batch.add(queue.poll());
          ops += next.ops().size();
        }
        if (batch.isEmpty() && read == null) {
          draining = false;
          return;
        }
      }
      if (read != null) {
        try {
          read.done().complete(read.read().apply(index));
        } catch (RuntimeException e) {
          read.done().completeExceptionally(e);
        }
        continue;
      }
      apply(batch);
    }
  }

  private void apply(List<Pending> batch) {
    List<IndexOp> all = new ArrayList<>();
    long weight = 0;
    for (Pending p : batch) {
      all.addAll(p.ops());
      weight += p.weight();
    }
    try {
      List<NamespaceIndex.NewEmbedding> embedded = index.apply(all);
      // Every embedding goes back once; which request it answers does not matter.
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).done().complete(i == batch.size() - 1 ? embedded : List.of());
      }
    } catch (RuntimeException e) {
      batch.forEach(p -> p.done().completeExceptionally(e));
    } finally {
      applied.addAndGet(weight);
      index.noteIndexed(weight);
    }
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
