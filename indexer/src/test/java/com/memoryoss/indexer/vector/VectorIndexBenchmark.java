package com.memoryoss.indexer.vector;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.search.ScoreDoc;

/**
 * Measures exact scan vs HNSW as a graph grows: at each checkpoint size it reports exact and HNSW
 * search latency, HNSW recall@10 against the exact scan, the cumulative graph build time and the
 * heap per vector. Run by hand (not a test), e.g. from the repository root after {@code m -q -pl
 * indexer -am test-compile}:
 *
 * <pre>
 * CP=indexer/target/classes:indexer/target/test-classes:$LUCENE_CORE_JAR
 * java --add-modules jdk.incubator.vector -Xmx3g -cp $CP \
 *   com.memoryoss.indexer.vector.VectorIndexBenchmark clustered 16 100 100 100000
 * </pre>
 *
 * Arguments: {@code clustered[:noise]|uniform M beamWidth efSearch maxSize [queries]}; {@code
 * clustered} is 200 Gaussian clusters (see {@link SyntheticVectors}).
 */
public final class VectorIndexBenchmark {
  private static final int DIMENSIONS = 384;
  private static final int K = 10;
  private static final int[] SIZES = {1_000, 5_000, 10_000, 20_000, 50_000, 100_000};

  private VectorIndexBenchmark() {}

  public static void main(String[] args) {
    String kind = args.length > 0 ? args[0] : "clustered";
    int m = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int beam = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    int ef = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    int maxSize = args.length > 4 ? Integer.parseInt(args[4]) : 100_000;
    int queries = args.length > 5 ? Integer.parseInt(args[5]) : 200;
    SyntheticVectors data =
        kind.equals("uniform")
            ? SyntheticVectors.uniform(DIMENSIONS, 7)
            : SyntheticVectors.clustered(
                DIMENSIONS,
                200,
                7,
                kind.contains(":") ? Double.parseDouble(kind.split(":")[1]) : 1);
    float[][] queryVectors = data.next(queries);
    VectorIndexSettings settings =
        VectorIndexSettings.DEFAULTS.withHnswThreshold(1).withGraph(m, beam, ef);
    System.out.printf(
        Locale.ROOT,
        "kernel=%s data=%s M=%d beam=%d ef=%d queries=%d%n",
        DotProduct.kernelName(),
        kind,
        m,
        beam,
        ef,
        queries);
    System.out.println(
        "size | exact ms | graph ms | graph recall@10 | index ms | index recall@10"
            + " | build s (cumulative) | vector B/vec | graph B/vec");

    Generation generation = new Generation(DIMENSIONS);
    generation.store().upsert(UUID.randomUUID(), data.next());
    generation.startGraph(settings);
    IncrementalHnsw graph = generation.graph();
    long buildNanos = 0;
    for (int size : SIZES) {
      if (size > maxSize) {
        break;
      }
      while (generation.store().count() < size) {
        generation.store().upsert(UUID.randomUUID(), data.next());
      }
      long t0 = System.nanoTime();
      while (graph.pending() > 0) {
        graph.step(1_000);
      }
      buildNanos += System.nanoTime() - t0;
      if (graph.failure() != null) {
        throw graph.failure();
      }
      report(generation, settings, queryVectors, size, buildNanos);
    }
  }

  private static void report(
      Generation generation,
      VectorIndexSettings settings,
      float[][] queries,
      int size,
      long buildNanos) {
    // Warm up both paths so the JIT has compiled them before timing.
    for (int rep = 0; rep < 3; rep++) {
      for (float[] q : queries) {
        generation.searchExact(q, K, null);
        generation.search(q, K, null, settings);
      }
    }
    int rounds = (int) Math.max(1, 20_000_000L / ((long) size * queries.length));
    long exactNanos = 0;
    long graphNanos = 0;
    long indexNanos = 0;
    double graphRecall = 0;
    double indexRecall = 0;
    for (int round = 0; round < rounds; round++) {
      for (float[] q : queries) {
        long t0 = System.nanoTime();
        List<Generation.Scored> exact = generation.searchExact(q, K, null);
        long t1 = System.nanoTime();
        List<Generation.Scored> graphOnly = graphOnly(generation, q, settings.efSearch());
        long t2 = System.nanoTime();
        List<Generation.Scored> index = generation.search(q, K, null, settings);
        long t3 = System.nanoTime();
        exactNanos += t1 - t0;
        graphNanos += t2 - t1;
        indexNanos += t3 - t2;
        if (round == 0) {
          graphRecall += recall(exact, graphOnly);
          indexRecall += recall(exact, index);
        }
      }
    }
    int n = queries.length * rounds;
    VectorStore store = generation.store();
    System.out.printf(
        Locale.ROOT,
        "%d | %.3f | %.3f | %.3f | %.3f | %.3f | %.1f | %.0f | %.0f%n",
        size,
        exactNanos / 1e6 / n,
        graphNanos / 1e6 / n,
        graphRecall / queries.length,
        indexNanos / 1e6 / n,
        indexRecall / queries.length,
        buildNanos / 1e9,
        (double) store.ramBytesUsed() / store.count(),
        (double) generation.graph().ramBytesUsed() / store.count());
  }

  /**
   * The pure graph walk (no visit limit, no fallback to the scan), rescored exactly: what HNSW
   * itself costs and finds, as opposed to the index, which gives up on walks that visit more than
   * a third of the graph and scans instead.
   */
  private static List<Generation.Scored> graphOnly(Generation generation, float[] q, int ef) {
    IncrementalHnsw.Result result =
        generation.graph().search(q, Math.max(K, ef), null, Integer.MAX_VALUE);
    TopK top = new TopK(K);
    for (ScoreDoc candidate : result.candidates()) {
      top.offer(candidate.doc, generation.store().dot(q, candidate.doc));
    }
    List<Generation.Scored> hits = new ArrayList<>();
    for (TopK.Scored s : top.drainBestFirst()) {
      hits.add(new Generation.Scored(generation.store().id(s.ord()), s.score()));
    }
    return hits;
  }

  static double recall(List<Generation.Scored> exact, List<Generation.Scored> approx) {
    Set<UUID> truth = new HashSet<>();
    for (Generation.Scored s : exact) {
      truth.add(s.id());
    }
    int hits = 0;
    for (Generation.Scored s : approx) {
      if (truth.contains(s.id())) {
        hits++;
      }
    }
    return exact.isEmpty() ? 1 : (double) hits / exact.size();
  }
}
