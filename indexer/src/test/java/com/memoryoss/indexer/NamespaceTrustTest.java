package com.memoryoss.indexer;

import static com.memoryoss.indexer.Corpus.NOW;
import static com.memoryoss.indexer.Corpus.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.memoryoss.protocol.Embedding;
import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryStatus;
import com.memoryoss.protocol.MemoryType;
import com.memoryoss.protocol.TrustEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Source reputation and embedding coherence on hand-made data: sources with known outcomes, and
 * vectors placed by hand (stored embeddings of the index's model, so nothing is embedded).
 */
class NamespaceTrustTest {
  private final TestEmbedder embedder = new TestEmbedder();
  private final NamespaceIndex index =
      new NamespaceIndex(embedder, new ScanVectorIndex(TestEmbedder.DIMS));

  @AfterEach
  void close() {
    index.close();
  }

  private static Memory memory(long n, String source, int confirms, int rejects, int supersedes,
      int evidence) {
    Memory.Builder b = Memory.created(id(n), "ns", "memory " + n, "h" + n, List.of(), null, null,
        MemoryType.SEMANTIC, MemoryStatus.ACTIVE, null, source, NOW).toBuilder();
    b.confirmCount = confirms;
    b.rejectCount = rejects;
    b.supersedeCount = supersedes;
    b.evidenceCount = evidence;
    return b.build();
  }

  /** A unit vector along {@code axis}, tilted towards {@code tiltAxis} by {@code tilt}. */
  private static float[] unit(int axis, int tiltAxis, double tilt) {
    float[] v = new float[TestEmbedder.DIMS];
    v[axis] = (float) Math.cos(tilt);
    v[tiltAxis] += (float) Math.sin(tilt);
    return v;
  }

  private void put(Memory m, float[] vector) {
    index.apply(List.of(new IndexOp.Put(m, vector == null ? null
        : new Embedding(TestEmbedder.MODEL, vector))));
  }

  private TrustEvidence evidence(long n) {
    return index.trustEvidence(index.memory(id(n)));
  }

  @Test
  void reputationIsABetaEstimateOfEachSourcesOutcomes() {
    put(memory(1, "key-a", 1, 0, 0, 1), unit(0, 1, 0));
    put(memory(2, "key-a", 1, 0, 0, 1), unit(0, 1, 0.1));
    put(memory(3, "key-b", 0, 2, 1, 1), unit(0, 1, 0.2));
    put(memory(4, "key-c", 0, 0, 0, 1), unit(0, 1, 0.3));
    put(memory(5, "proxy-extraction", 0, 0, 0, 3), unit(0, 1, 0.4)); // seen twice more

    // key-a: Beta(2 + 2, 1) -> 0.8; key-b: Beta(2, 1 + 3) -> 1/3; key-c: no outcome -> neutral.
    assertThat(evidence(1).sourceReputation()).isCloseTo(0.8, within(1e-12));
    assertThat(evidence(2).sourceReputation()).isCloseTo(0.8, within(1e-12));
    assertThat(evidence(3).sourceReputation()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(evidence(4)).extracting(TrustEvidence::sourceReputation,
        TrustEvidence::sourceConfidenceLow, TrustEvidence::sourceConfidenceHigh)
        .containsExactly(0.5, 0.2, 0.8);
    assertThat(evidence(5).sourceReputation()).isCloseTo(0.8, within(1e-12));

    double half = 1.96 * Math.sqrt(0.8 * 0.2 / 5);
    assertThat(evidence(1).sourceConfidenceLow()).isCloseTo(0.8 - half, within(1e-12));
    assertThat(evidence(1).sourceConfidenceHigh()).isCloseTo(Math.min(1, 0.8 + half),
        within(1e-12));
    assertThat(index.trust().sources()).extracting(NamespaceTrust.SourceRecord::source)
        .containsExactly("key-a", "key-b", "proxy-extraction");
  }

  @Test
  void reputationFollowsChangesAndRemovals() {
    put(memory(1, "key-a", 0, 0, 0, 1), null);
    put(memory(2, "key-a", 0, 0, 0, 1), null);
    assertThat(evidence(1).sourceReputation()).isEqualTo(0.5);

    put(memory(2, "key-a", 0, 3, 0, 1), null); // three rejections: Beta(2, 4)
    assertThat(evidence(1).sourceReputation()).isCloseTo(2.0 / 6, within(1e-12));
    put(memory(2, "key-a", 1, 3, 0, 1), null); // the same memory, now also confirmed once
    assertThat(evidence(1).sourceReputation()).isCloseTo(3.0 / 7, within(1e-12));

    index.apply(List.of(new IndexOp.Remove(id(2))));
    assertThat(evidence(1).sourceReputation()).isEqualTo(0.5);
    assertThat(index.trust().sources()).isEmpty();
  }

  @Test
  void aMemoryWithoutSourceKeyIsCreditedToItsAgent() {
    Memory.Builder b = Memory.created(id(1), "ns", "x", "h", List.of(), "claude", null,
        MemoryType.SEMANTIC, MemoryStatus.ACTIVE, null, null, NOW).toBuilder();
    b.confirmCount = 1;
    put(b.build(), null);
    assertThat(NamespaceTrust.sourceOf(index.memory(id(1)))).isEqualTo("agent:claude");
    assertThat(evidence(1).sourceReputation()).isCloseTo(0.75, within(1e-12));
  }

  @Test
  void coherenceIsHighInsideTheNamespacesTopicAndLowForAnOutlier() {
    for (int i = 1; i <= 8; i++) {
      put(memory(i, "k", 0, 0, 0, 1), unit(0, 1 + i, 0.3));
    }
    put(memory(9, "k", 0, 0, 0, 1), unit(50, 51, 0.0)); // orthogonal to everything else
    put(memory(10, "k", 0, 0, 0, 1), unit(0, 60, Math.PI)); // opposite of the topic

    double inside = evidence(1).embeddingCoherence();
    double outlier = evidence(9).embeddingCoherence();
    double opposite = evidence(10).embeddingCoherence();
    assertThat(inside).isGreaterThan(0.85);
    assertThat(outlier).isBetween(0.45, 0.55);
    assertThat(opposite).isLessThan(0.2);

    // Recomputed by hand: cos(v1, mean of the others) mapped to [0, 1].
    List<float[]> others = new ArrayList<>();
    for (int i = 2; i <= 10; i++) {
      others.add(index.vectors().vector(id(i)));
    }
    assertThat(inside).isCloseTo(expected(index.vectors().vector(id(1)), others), within(1e-5));
  }

  @Test
  void coherenceIsNeutralAloneOrWithoutAVectorAndIgnoresArchivedMemories() {
    put(memory(1, "k", 0, 0, 0, 1), unit(0, 1, 0));
    assertThat(evidence(1).embeddingCoherence()).isEqualTo(0.5); // no neighbours
    put(memory(2, "k", 0, 0, 0, 1), unit(0, 1, Math.PI)); // opposite
    assertThat(evidence(1).embeddingCoherence()).isCloseTo(0, within(1e-6));

    Memory.Builder archived = index.memory(id(2)).toBuilder();
    archived.archived = true;
    archived.version = 2;
    put(archived.build(), unit(0, 1, Math.PI));
    assertThat(evidence(1).embeddingCoherence()).isEqualTo(0.5); // the archived one left

    NamespaceIndex lexical = new NamespaceIndex(null, null);
    lexical.apply(List.of(new IndexOp.Put(memory(3, "k", 0, 0, 0, 1), null)));
    assertThat(lexical.trustEvidence(lexical.memory(id(3))).embeddingCoherence()).isEqualTo(0.5);
    lexical.close();
  }

  @Test
  void aResetRebuildsTheSameEvidence() {
    put(memory(1, "key-a", 2, 0, 0, 1), unit(0, 1, 0));
    put(memory(2, "key-a", 0, 1, 0, 1), unit(0, 2, 0.5));
    put(memory(3, "key-b", 0, 0, 0, 1), unit(0, 3, 1.0));
    TrustEvidence before = evidence(2);

    List<Memory> all = List.of(index.memory(id(1)), index.memory(id(2)), index.memory(id(3)));
    Map<java.util.UUID, Embedding> vectors = Map.of(
        id(1), new Embedding(TestEmbedder.MODEL, index.vectors().vector(id(1))),
        id(2), new Embedding(TestEmbedder.MODEL, index.vectors().vector(id(2))),
        id(3), new Embedding(TestEmbedder.MODEL, index.vectors().vector(id(3))));
    index.apply(List.of(new IndexOp.Reset(all, vectors)));

    TrustEvidence after = evidence(2);
    assertThat(after.sourceReputation()).isEqualTo(before.sourceReputation());
    assertThat(after.embeddingCoherence()).isCloseTo(before.embeddingCoherence(), within(1e-6));
  }

  @Test
  void theScorerUsesTheEvidence() {
    TrustScorer scorer = new TrustScorer(0.3);
    put(memory(1, "key-a", 0, 0, 0, 1), unit(0, 1, 0));
    Memory m = index.memory(id(1));
    TrustEvidence strong = new TrustEvidence(0.9, 0.8, 1.0, 0.9);
    TrustScorer.Assessment neutral = scorer.assess(m, NOW, TrustEvidence.NEUTRAL);
    TrustScorer.Assessment good = scorer.assess(m, NOW, strong);
    assertThat(good.signals().sourceReputation()).isEqualTo(0.9);
    assertThat(good.signals().embeddingCoherence()).isEqualTo(0.9);
    assertThat(good.score() - neutral.score()).isCloseTo(0.22 * 0.4 + 0.18 * 0.4, within(1e-12));
    assertThat(good.low()).isCloseTo(good.score() * 0.8 / 0.9, within(1e-12));
    assertThat(good.high()).isCloseTo(Math.min(1, good.score() / 0.9), within(1e-12));
    assertThat(neutral.low()).isCloseTo(neutral.score() * 0.4, within(1e-12));
  }

  private static double expected(float[] v, List<float[]> others) {
    double[] mean = new double[v.length];
    for (float[] o : others) {
      for (int i = 0; i < v.length; i++) {
        mean[i] += o[i];
      }
    }
    double dot = 0;
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      dot += v[i] * mean[i];
      norm += mean[i] * mean[i];
    }
    return (dot / Math.sqrt(norm) + 1) / 2;
  }
}
