package com.memoryoss.cli.node;

import com.memoryoss.indexer.embed.Embedder;
import com.memoryoss.indexer.embed.Embedders;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's embedders, one per model, loaded on first use and shared by every namespace (ONNX
 * sessions are thread-safe and memory-heavy). Closed at shutdown.
 */
final class EmbedderPool implements AutoCloseable {
  private final int threads;
  private final ConcurrentHashMap<String, Embedder> loaded = new ConcurrentHashMap<>();

  EmbedderPool(int threads) {
    this.threads = threads;
  }

  Embedder get(String modelId) {
    return loaded.computeIfAbsent(modelId, id -> Embedders.load(id, threads));
  }

  @Override
  public void close() {
    loaded.values().forEach(Embedder::close);
    loaded.clear();
  }
}
