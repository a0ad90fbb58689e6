package com.memoryoss.indexer;

import com.memoryoss.protocol.Embedding;
import com.memoryoss.protocol.Memory;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A change to apply to a {@link NamespaceIndex}, in journal order. */
public sealed interface IndexOp {

  /**
   * A memory is new or changed. {@code embedding} is its stored vector if it has a current one;
   * otherwise the index embeds its content.
   */
  record Put(Memory memory, Embedding embedding) implements IndexOp {}

  /** A memory is gone. */
  record Remove(UUID id) implements IndexOp {}

  /** Replace everything (recovery): memories oldest first, with their stored vectors. */
  record Reset(List<Memory> memories, Map<UUID, Embedding> embeddings) implements IndexOp {}
}
