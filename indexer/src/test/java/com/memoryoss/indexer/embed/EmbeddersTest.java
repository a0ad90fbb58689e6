package com.memoryoss.indexer.embed;

import static com.memoryoss.indexer.embed.TestModels.cosine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddersTest {

  @Test
  void defaultsToE5SmallV2() {
    assertThat(Embedders.DEFAULT_MODEL).isEqualTo("e5-small-v2");
    assertThat(Embedders.supportedModels())
        .containsExactly("e5-small-v2", "all-minilm-l6-v2", "bge-small-en-v1.5");
  }

  @Test
  void rejectsAnUnknownModelNamingTheSupportedOnes() {
    assertThatThrownBy(() -> Embedders.load("bge-large", 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bge-large")
        .hasMessageContaining("e5-small-v2")
        .hasMessageContaining("all-minilm-l6-v2");
    assertThatThrownBy(() -> Embedders.spec(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsNonsensicalThreadsAndCaps() {
    assertThatThrownBy(() -> Embedders.load(Embedders.E5_SMALL_V2, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Embedders.load(Embedders.E5_SMALL_V2, 2, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void capsTokensAtTheDocumentedDefaults() {
    assertThat(((OnnxEmbedder) TestModels.get(Embedders.E5_SMALL_V2)).maxTokens()).isEqualTo(256);
    assertThat(((OnnxEmbedder) TestModels.get(Embedders.ALL_MINILM_L6_V2)).maxTokens())
        .isEqualTo(128);
  }

  @Test
  void encodesE5QueriesAndPassagesDifferently() {
    Embedder e5 = TestModels.get(Embedders.E5_SMALL_V2);
    String text = "Where does Caroline work?";

    float[] query = e5.embedQuery(text);
    float[] passage = e5.embedPassages(List.of(text))[0];

    assertThat(cosine(query, passage)).isLessThan(0.99).isGreaterThan(0.7);
  }

  @Test
  void encodesMiniLmQueriesAndPassagesAlike() {
    Embedder miniLm = TestModels.get(Embedders.ALL_MINILM_L6_V2);
    String text = "Where does Caroline work?";

    assertThat(cosine(miniLm.embedQuery(text), miniLm.embedPassages(List.of(text))[0]))
        .isGreaterThan(0.99999);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {Embedders.E5_SMALL_V2,
      Embedders.ALL_MINILM_L6_V2, Embedders.BGE_SMALL_EN_V15})
  void findsTheRelevantPassageForAQuery(String modelId) {
    Embedder model = TestModels.get(modelId);
    float[][] passages = model.embedPassages(TestModels.PASSAGES);
    for (String[] qa : new String[][] {
        {"which food is Bob allergic to?", "Bob is allergic to peanuts"},
        {"what is the name of her cat?", "Her cat is named Pixel and is afraid of the vacuum"
            + " cleaner"},
        {"when does John's plane arrive?", "John's flight lands at 18:45 at Heathrow terminal 5"},
        {"which port does the staging database use?", "The staging database is PostgreSQL 15"
            + " on port 5432"}}) {
      float[] query = model.embedQuery(qa[0]);
      int best = 0;
      for (int i = 1; i < passages.length; i++) {
        if (cosine(query, passages[i]) > cosine(query, passages[best])) {
          best = i;
        }
      }
      assertThat(TestModels.PASSAGES.get(best)).as(modelId + ": " + qa[0]).isEqualTo(qa[1]);
    }
  }

  @Test
  void encodesBgeQueriesWithItsInstructionAndPoolsTheClsToken() {
    Embedder bge = TestModels.get(Embedders.BGE_SMALL_EN_V15);
    assertThat(Embedders.spec(Embedders.BGE_SMALL_EN_V15).pooling())
        .isEqualTo(ModelSpec.Pooling.CLS);
    assertThat(((OnnxEmbedder) bge).maxTokens()).isEqualTo(256);
    String text = "Where does Caroline work?";
    double same = cosine(bge.embedQuery(text), bge.embedPassages(List.of(text))[0]);
    // The instruction moves the query a little, not away from its own text.
    assertThat(same).isLessThan(0.99).isGreaterThan(0.8);
  }

  @Test
  void refusesWorkOnceClosedAndClosesTwiceQuietly() {
    Embedder e5 = Embedders.load(Embedders.E5_SMALL_V2, 1, 64);
    assertThat(e5.embedQuery("hello")).hasSize(384);

    e5.close();
    e5.close();

    assertThatThrownBy(() -> e5.embedQuery("hello"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}
