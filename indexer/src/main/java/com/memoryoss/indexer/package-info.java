/**
 * Per-namespace, in-memory indexes and recall scoring. {@link com.memoryoss.indexer.NamespaceIndex}
 * holds what is searchable about one namespace; a {@link com.memoryoss.indexer.Ranker} turns a
 * query into ranked candidates; {@link com.memoryoss.indexer.Recaller} pages them. Nothing here
 * touches the disk or knows about actors.
 */
package com.memoryoss.indexer;
