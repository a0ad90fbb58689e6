package com.memoryoss.indexer.embed;

import static com.memoryoss.indexer.embed.TestModels.cosine;

import com.memoryoss.indexer.embed.internal.TokenizerSpec;
import com.memoryoss.indexer.embed.internal.WordPieceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hand-run measurement, not a test: passages per second in batches of 32 and single-query latency
 * for every shipped model, on this machine. Run by hand from the repository root:
 *
 * <pre>
 * m -q -pl indexer -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/indexer.cp -Dmdep.includeScope=test
 * java --enable-native-access=ALL-UNNAMED \
 *     -cp indexer/target/test-classes:indexer/target/classes:$(cat /tmp/indexer.cp) \
 *     com.memoryoss.indexer.embed.EmbedBenchmark [threads] [rounds]
 * </pre>
 */
public final class EmbedBenchmark {
  private static final int BATCH = 32;

  public static void main(String[] args) throws IOException {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : Embedders.DEFAULT_THREADS;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    System.out.printf(
        "%d intra-op threads, %d cores visible, %s%n",
        threads, Runtime.getRuntime().availableProcessors(), Runtime.version());
    for (String id : Embedders.supportedModels()) {
      run(id, threads, rounds);
    }
  }

  private static void run(String id, int threads, int rounds) throws IOException {
    long t0 = System.nanoTime();
    try (Embedder embedder = Embedders.load(id, threads)) {
      double loadMs = (System.nanoTime() - t0) / 1e6;
      List<String> mixed = passages(640, false);
      List<String> short_ = passages(640, true);
      System.out.printf(
          "%n%s: load %.0f ms; short passages average %.1f tokens, mixed %.1f%n",
          id,
          loadMs,
          averageTokens(Embedders.spec(id), short_),
          averageTokens(Embedders.spec(id), mixed));

      // Warm-up: JIT for the tokenizer and pooling, ORT's arena and thread pool.
      embedder.embedPassages(mixed.subList(0, 4 * BATCH));
      for (int i = 0; i < 50; i++) {
        embedder.embedQuery(mixed.get(i));
      }

      for (int r = 0; r < rounds; r++) {
        long start = System.nanoTime();
        for (int from = 0; from < short_.size(); from += BATCH) {
          embedder.embedPassages(short_.subList(from, from + BATCH));
        }
        double shortRate = short_.size() / ((System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        embedder.embedPassages(mixed);
        double mixedRate = mixed.size() / ((System.nanoTime() - start) / 1e9);
        System.out.printf(
            "  short passages in calls of 32: %.0f/s; 640 mixed in one call: %.0f/s%n",
            shortRate, mixedRate);
      }

      for (int r = 0; r < rounds; r++) {
        long[] nanos = new long[300];
        for (int i = 0; i < nanos.length; i++) {
          String q = "what do I know about " + mixed.get(i).split(" ")[0] + " (" + i + ")?";
          long start = System.nanoTime();
          embedder.embedQuery(q);
          nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(
            "  single query: p50 %.2f ms, p99 %.2f ms%n",
            nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 99 / 100] / 1e6);
      }

      float[][] v =
          embedder.embedPassages(
              List.of(
                  "The cat sits on the mat",
                  "A cat is sitting on a mat",
                  "Quarterly tax filing deadline"));
      System.out.printf(
          "  cat/cat %.3f, cat/tax %.3f, query vs passage of the same text %.4f%n",
          cosine(v[0], v[1]),
          cosine(v[0], v[2]),
          cosine(embedder.embedQuery("The cat sits on the mat"), v[0]));
    }
  }

  /**
   * Memory-like texts: the test passages, varied so no two are identical; {@code shortOnly} drops
   * those over 40 words so that a batch of 32 measures short-text throughput without padding.
   */
  private static List<String> passages(int n, boolean shortOnly) {
    List<String> base =
        TestModels.PASSAGES.stream()
            .filter(p -> !shortOnly || p.split(" ").length <= 40)
            .toList();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String text = base.get(i % base.size());
      out.add(i < base.size() ? text : text + " (note " + i + ")");
    }
    return out;
  }

  private static double averageTokens(ModelSpec spec, List<String> texts) throws IOException {
    try (InputStream in =
        EmbedBenchmark.class.getClassLoader().getResourceAsStream(spec.tokenizerResource())) {
      WordPieceTokenizer tokenizer =
          new WordPieceTokenizer(TokenizerSpec.parse(in), spec.defaultMaxTokens());
      return texts.stream()
          .mapToInt(t -> tokenizer.encode(spec.passagePrefix() + t).length)
          .average()
          .orElse(0);
    }
  }
}
