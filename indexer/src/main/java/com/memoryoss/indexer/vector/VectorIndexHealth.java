package com.memoryoss.indexer.vector;

/**
 * A point-in-time view of an {@link InMemoryVectorIndex} for the index-health endpoint and
 * metrics. Fields are read without a common lock, so under concurrent writes they may disagree by
 * a few vectors.
 *
 * @param size live vectors (what {@code VectorIndex.size()} returns)
 * @param storedOrdinals vectors held, including tombstoned ones awaiting compaction
 * @param tombstones removed or replaced vectors still held
 * @param graph state of the serving generation's HNSW graph
 * @param graphNodes ordinals the serving graph covers (0 without a graph)
 * @param graphLag stored ordinals the serving graph does not cover yet (exact-scanned meanwhile)
 * @param compacting whether a compacted generation is being built in the background
 * @param vectorBytes heap held by vectors, ids and the id map (serving generation)
 * @param graphBytes heap held by the serving graph
 * @param graphBuildMillis time the serving graph took to become ready, or -1
 * @param failure why the graph was given up or could not be scheduled, or {@code null}
 */
public record VectorIndexHealth(
    int size,
    int storedOrdinals,
    int tombstones,
    GraphState graph,
    int graphNodes,
    int graphLag,
    boolean compacting,
    long vectorBytes,
    long graphBytes,
    long graphBuildMillis,
    String failure) {

  /** Lifecycle of a generation's graph. */
  public enum GraphState {
    /** Below the threshold: exact scan only. */
    NONE,
    /** Being built in the background; searches use the exact scan until it is ready. */
    BUILDING,
    /** Searches walk the graph and exact-scan only its lagging tail. */
    READY,
    /** Building failed; searches use the exact scan and no graph is built again. */
    FAILED
  }

  /** Heap per stored vector (vectors, ids, map and graph), or 0 when empty. */
  public double bytesPerVector() {
    return storedOrdinals == 0 ? 0 : (double) (vectorBytes + graphBytes) / storedOrdinals;
  }

  /** Whether searches are as fast as they will get: graph ready (or not needed) and caught up. */
  public boolean settled() {
    return (graph == GraphState.NONE || graph == GraphState.READY) && graphLag == 0 && !compacting;
  }
}
