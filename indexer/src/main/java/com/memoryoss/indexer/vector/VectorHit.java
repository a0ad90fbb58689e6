package com.memoryoss.indexer.vector;

import java.util.UUID;

/** A nearest neighbour: the memory and its cosine similarity to the query, in [-1, 1]. */
public record VectorHit(UUID id, float similarity) {}
