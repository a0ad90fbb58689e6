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
        .containsExactly("e5-small-v2", "all-minilm-l6-v2");
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

  @Test
  void findsTheRelevantPassageForAnE5Query() {
    Embedder e5 = TestModels.get(Embedders.E5_SMALL_V2);
    float[][] passages = e5.embedPassages(TestModels.PASSAGES);
    float[] query = e5.embedQuery("which food is Bob allergic to?");

    int best = 0;
    for (int i = 1; i < passages.length; i++) {
      if (cosine(query, passages[i]) > cosine(query, passages[best])) {
        best = i;
      }
    }
    assertThat(TestModels.PASSAGES.get(best)).isEqualTo("Bob is allergic to peanuts");
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
