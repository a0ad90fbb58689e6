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
   * Live vectors at which a namespace switches from the exact scan to HNSW.
   *
   * <p>Measured with {@code VectorIndexBenchmark} (dimension 384, k = 10, 500 queries, M = 16,
   * beamWidth = 100, ef = 100, Panama kernel, 2 shared cores), exact ms vs graph ms per query:
   *
   * <pre>
   *   size   clustered        clustered (loose)  uniform (worst case)
   *   5k     0.17 vs 0.24     0.16 vs 0.30       0.26 vs 0.41
   *   10k    0.40 vs 0.29     0.50 vs 0.43       0.50 vs 0.50 (recall 0.59)
   *   20k    0.99 vs 0.30     1.14 vs 0.41       1.69 vs 1.06 (recall 0.42)
   *   100k   6.65 vs 0.42     10.2 vs 0.94       10.5 vs 1.91 (recall 0.14)
   * </pre>
   *
   * <p>The pure latency crossover is at about 10k. The threshold sits one step above it, at 20k,
   * where the graph is about 3x faster on clustered data and the scan starts to cost about 1 ms:
   * between 10k and 20k the graph would save at most 0.1-0.7 ms per query, while it costs 0.4-1
   * ms of CPU per vector to build (again after every restart, since it is not persisted), about
   * 400 bytes per vector (+25%) and exactness.
   */
  public static final int DEFAULT_HNSW_THRESHOLD = 20_000;

  /**
   * M = 16, beamWidth = 100 and ef = 100 gave recall@10 of 0.997-1.000 on clustered vectors at
   * every measured size up to 100k (the target is 0.95), so the cheaper Lucene defaults are kept;
   * on uniform random vectors, the worst case, the same graph only reaches 0.59 at 10k and 0.14
   * at 100k (ef = 400 lifts 10k to 0.95), which real, clustered embeddings are not expected to be.
   */
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
