package com.memoryoss.indexer.embed;

import static com.memoryoss.indexer.embed.TestModels.PASSAGES;
import static com.memoryoss.indexer.embed.TestModels.cosine;
import static com.memoryoss.indexer.embed.TestModels.norm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@link Embedder} contract, checked on every shipped model. */
class EmbedderTest {

  @ParameterizedTest
  @ValueSource(strings = {Embedders.ALL_MINILM_L6_V2, Embedders.E5_SMALL_V2,
      Embedders.BGE_SMALL_EN_V15})
  void givesUnitLengthVectorsOf384Dimensions(String modelId) {
    Embedder embedder = TestModels.get(modelId);
    assertThat(embedder.modelId()).isEqualTo(modelId);
    assertThat(embedder.dimensions()).isEqualTo(384);

    float[][] passages = embedder.embedPassages(PASSAGES);
    float[] query = embedder.embedQuery("what does the user prefer?");

    assertThat(passages.length).isEqualTo(PASSAGES.size());
    for (float[] v : passages) {
      assertThat(v).hasSize(384);
      assertThat(norm(v)).isCloseTo(1.0, within(1e-5));
    }
    assertThat(query).hasSize(384);
    assertThat(norm(query)).isCloseTo(1.0, within(1e-5));
  }

  @ParameterizedTest
  @ValueSource(strings = {Embedders.ALL_MINILM_L6_V2, Embedders.E5_SMALL_V2,
      Embedders.BGE_SMALL_EN_V15})
  void placesParaphrasesCloseAndUnrelatedTextsFar(String modelId) {
    float[][] v =
        TestModels.get(modelId)
            .embedPassages(
                List.of(
                    "The cat sits on the mat",
                    "A cat is sitting on a mat",
                    "Quarterly tax filing deadline"));

    double paraphrase = cosine(v[0], v[1]);
    double unrelated = cosine(v[0], v[2]);
    // e5 packs all its similarities into roughly 0.7..1 (measured 0.985 against 0.716), MiniLM
    // spreads them (0.973 against 0.049); the margin below holds for both.
    assertThat(paraphrase).isGreaterThan(0.8);
    assertThat(paraphrase - unrelated).isGreaterThan(0.15);
  }

  @ParameterizedTest
  @ValueSource(strings = {Embedders.ALL_MINILM_L6_V2, Embedders.E5_SMALL_V2,
      Embedders.BGE_SMALL_EN_V15})
  void givesEachPassageInABatchTheVectorItGetsAlone(String modelId) {
    Embedder embedder = TestModels.get(modelId);
    float[][] batched = embedder.embedPassages(PASSAGES);

    double min = 1;
    for (int i = 0; i < PASSAGES.size(); i++) {
      float[] alone = embedder.embedPassages(List.of(PASSAGES.get(i)))[0];
      min = Math.min(min, cosine(batched[i], alone));
    }

    System.out.printf("%s: batched vs alone, minimum cosine %.6f%n", modelId, min);
    // fp32 is batch-independent up to float rounding; the quantized model scales its activations
    // per batch, so padding and batch mates move its vectors a little.
    boolean quantized = Embedders.spec(modelId).batchDependent();
    assertThat(min).isGreaterThan(quantized ? 0.98 : 0.9999);
  }

  @ParameterizedTest
  @ValueSource(strings = {Embedders.ALL_MINILM_L6_V2, Embedders.E5_SMALL_V2,
      Embedders.BGE_SMALL_EN_V15})
  void returnsVectorsInTheCallersOrder(String modelId) {
    Embedder embedder = TestModels.get(modelId);
    List<String> reversed = new ArrayList<>(PASSAGES);
    Collections.reverse(reversed);

    float[][] forward = embedder.embedPassages(PASSAGES);
    float[][] backward = embedder.embedPassages(reversed);

    // Same texts, so the same length-sorted chunks (up to ties between equal lengths).
    double threshold = Embedders.spec(modelId).batchDependent() ? 0.98 : 0.9999;
    for (int i = 0; i < PASSAGES.size(); i++) {
      assertThat(cosine(forward[i], backward[PASSAGES.size() - 1 - i])).isGreaterThan(threshold);
    }
    assertThat(cosine(forward[0], forward[1])).isLessThan(0.9);
  }

  @ParameterizedTest
  @ValueSource(strings = {Embedders.ALL_MINILM_L6_V2, Embedders.E5_SMALL_V2,
      Embedders.BGE_SMALL_EN_V15})
  void servesConcurrentCallersWithTheSameVectors(String modelId) throws Exception {
    Embedder embedder = TestModels.get(modelId);
    List<String> queries = PASSAGES.subList(0, 8);
    float[][] expected = queries.stream().map(embedder::embedQuery).toArray(float[][]::new);

    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<float[]>> futures = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (String q : queries) {
          futures.add(pool.submit(() -> embedder.embedQuery(q)));
        }
      }
      for (int i = 0; i < futures.size(); i++) {
        assertThat(futures.get(i).get()).containsExactly(expected[i % queries.size()]);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Embedders.ALL_MINILM_L6_V2, Embedders.E5_SMALL_V2,
      Embedders.BGE_SMALL_EN_V15})
  void embedsNothingForNoTextsAndRejectsNullTexts(String modelId) {
    Embedder embedder = TestModels.get(modelId);
    assertThat(embedder.embedPassages(List.of())).isEmpty();
    assertThatThrownBy(() -> embedder.embedPassages(Arrays.asList("a", null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("texts[1]");
    assertThatThrownBy(() -> embedder.embedQuery(null)).isInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {Embedders.ALL_MINILM_L6_V2, Embedders.E5_SMALL_V2,
      Embedders.BGE_SMALL_EN_V15})
  void embedsTextsFarLongerThanTheTokenCap(String modelId) {
    Embedder embedder = TestModels.get(modelId);
    String head = "The deployment failed because the certificate had expired. ";
    String tail = "Unrelated tail about gardening and tomatoes. ";
    String longText = head.repeat(40) + tail.repeat(5000);

    float[] vector = embedder.embedPassages(List.of(longText))[0];

    // 40 heads are over 400 tokens, past either model's cap: the tail is never seen.
    float[] headOnly = embedder.embedPassages(List.of(head.repeat(40)))[0];
    assertThat(norm(vector)).isCloseTo(1.0, within(1e-5));
    assertThat(cosine(vector, headOnly)).isGreaterThan(0.99999);
  }
}
