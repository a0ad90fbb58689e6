package com.memoryoss.shard;

import com.memoryoss.indexer.NamespaceIndex;

/**
 * Makes a namespace's index for a given embedding model (from the node's shared, lazily loaded
 * embedders), or a lexical-only index for {@link #NONE}.
 */
@FunctionalInterface
public interface IndexFactory {
  /** The model id meaning "no embeddings: lexical recall only". */
  String NONE = "none";

  NamespaceIndex create(String modelId);
}
