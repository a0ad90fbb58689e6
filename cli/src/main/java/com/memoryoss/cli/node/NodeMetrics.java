package com.memoryoss.cli.node;

import com.memoryoss.gateway.metrics.Metrics;
import com.memoryoss.indexer.NamespaceIndex;
import com.memoryoss.indexer.QueryEmbeddingCache;
import com.memoryoss.protocol.api.ForgetResponse;
import com.memoryoss.protocol.api.MemoryService;
import com.memoryoss.protocol.api.RecallBatchRequest;
import com.memoryoss.protocol.api.StoreBatchRequest;
import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.ToLongFunction;

/**
 * The node's own series in {@code /metrics}: the indexes of the namespaces it has loaded (each
 * index registers itself when created and counts until closed), the query-embedding cache, and
 * the memory API's stores, recalls and forgets. Everything is read from live state at scrape time.
 */
final class NodeMetrics {
  private final List<WeakReference<NamespaceIndex>> indexes = new ArrayList<>();

  /** Adds an index the node just created. */
  NamespaceIndex track(NamespaceIndex index) {
    synchronized (indexes) {
      indexes.removeIf(r -> r.get() == null || r.get().isClosed());
      indexes.add(new WeakReference<>(index));
    }
    return index;
  }

  void register(Metrics metrics, QueryEmbeddingCache cache) {
    metrics.gauge("memoryoss_namespaces_loaded", () -> sum(i -> 1));
    metrics.gauge("memoryoss_vector_index_size",
        () -> sum(i -> i.vectors() == null ? 0 : i.vectors().size()));
    metrics.gauge("memoryoss_indexer_lag", () -> sum(NamespaceIndex::lag));
    metrics.gauge("memoryoss_idf_total_docs", () -> sum(i -> i.text().size()));
    metrics.gauge("memoryoss_embedding_cache_valid", () -> cache.stats()[0]);
    metrics.gauge("memoryoss_embedding_cache_total", () -> cache.stats()[1]);
    metrics.gauge("memoryoss_embedding_cache_hits_total", () -> cache.stats()[2]);
    metrics.gauge("memoryoss_embedding_cache_misses_total", () -> cache.stats()[3]);
    for (String name : List.of("memoryoss_stores_total", "memoryoss_recalls_total",
        "memoryoss_forgets_total")) {
      metrics.add(name, 0);
    }
  }

  private long sum(ToLongFunction<NamespaceIndex> f) {
    List<NamespaceIndex> live = new ArrayList<>();
    synchronized (indexes) {
      for (WeakReference<NamespaceIndex> r : indexes) {
        NamespaceIndex i = r.get();
        if (i != null && !i.isClosed()) {
          live.add(i);
        }
      }
    }
    long total = 0;
    for (NamespaceIndex i : live) {
      try {
        total += f.applyAsLong(i);
      } catch (RuntimeException closedMeanwhile) {
        // passivated between the check and the read: it no longer counts
      }
    }
    return total;
  }

  /**
   * {@code memory} counting what the memory API does: memories stored, recall queries answered,
   * memories forgotten (successful calls only). Every other call passes straight through, so the
   * service may grow methods without this class knowing them.
   */
  static MemoryService counting(MemoryService memory, Metrics metrics) {
    return (MemoryService) Proxy.newProxyInstance(MemoryService.class.getClassLoader(),
        new Class<?>[] {MemoryService.class}, (proxy, method, args) -> {
          Object result;
          try {
            result = method.invoke(memory, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (!(result instanceof CompletionStage<?> stage) || args == null || args.length < 2) {
            return result;
          }
          Object request = args[1];
          return switch (method.getName()) {
            case "store" -> counted(stage, metrics, "memoryoss_stores_total", r -> 1);
            case "storeBatch" -> counted(stage, metrics, "memoryoss_stores_total",
                r -> ((StoreBatchRequest) request).memories().size());
            case "recall" -> counted(stage, metrics, "memoryoss_recalls_total", r -> 1);
            case "recallBatch" -> counted(stage, metrics, "memoryoss_recalls_total",
                r -> ((RecallBatchRequest) request).queries().size());
            case "forget" -> counted(stage, metrics, "memoryoss_forgets_total",
                r -> r instanceof ForgetResponse f ? f.deleted() : 0);
            default -> stage;
          };
        });
  }

  private static CompletionStage<?> counted(CompletionStage<?> stage, Metrics metrics,
      String counter, ToLongFunction<Object> n) {
    return stage.whenComplete((r, failure) -> {
      if (failure == null) {
        metrics.add(counter, n.applyAsLong(r));
      }
    });
  }
}
