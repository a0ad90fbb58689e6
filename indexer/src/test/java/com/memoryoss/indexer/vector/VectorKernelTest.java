package com.memoryoss.indexer.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The dot-product kernels, the bounded heap and the chunked store. */
class VectorKernelTest {

  @Test
  void simdKernelIsInUseUnderSurefireAndMatchesScalarAtAnyOffsetAndLength() {
    assertThat(DotProduct.kernelName()).isEqualTo("PanamaDotProduct");
    SplittableRandom random = new SplittableRandom(3);
    DotProduct.Kernel scalar = new DotProduct.Scalar();
    for (int length : new int[] {0, 1, 3, 7, 8, 15, 16, 17, 31, 64, 383, 384, 385, 1024}) {
      float[] a = new float[length + 40];
      float[] b = new float[length + 40];
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) random.nextGaussian();
        b[i] = (float) random.nextGaussian();
      }
      int aOff = random.nextInt(20);
      int bOff = random.nextInt(20);
      double exact = 0;
      for (int i = 0; i < length; i++) {
        exact += (double) a[aOff + i] * b[bOff + i];
      }
      float tolerance = 1e-4f * (1 + length);
      assertThat(DotProduct.dot(a, aOff, b, bOff, length))
          .isCloseTo((float) exact, offset(tolerance));
      assertThat(scalar.dot(a, aOff, b, bOff, length)).isCloseTo((float) exact, offset(tolerance));
    }
  }

  @Test
  void topKKeepsTheBestScoresBestFirstWithDeterministicTies() {
    TopK top = new TopK(3);
    float[] scores = {0.1f, 0.9f, 0.5f, 0.9f, -0.2f, 0.7f, 0.5f};
    for (int ord = 0; ord < scores.length; ord++) {
      top.offer(ord, scores[ord]);
    }
    assertThat(top.drainBestFirst()).extracting(TopK.Scored::ord).containsExactly(1, 3, 5);
  }

  @Test
  void storeGrowsAcrossChunksAndKeepsOrdinalsStable() {
    VectorStore store = new VectorStore(384);
    assertThat(store.chunkVectors()).isEqualTo(128);
    SyntheticVectors data = SyntheticVectors.uniform(384, 5);
    List<float[]> vectors = List.of(data.next(1_000));
    UUID[] ids = new UUID[1_000];
    for (int i = 0; i < 1_000; i++) {
      ids[i] = UUID.randomUUID();
      assertThat(store.upsert(ids[i], vectors.get(i))).isEqualTo(i);
    }
    for (int i = 0; i < 1_000; i += 37) {
      assertThat(store.copy(i)).containsExactly(vectors.get(i));
      assertThat(store.id(i)).isEqualTo(ids[i]);
      assertThat(store.dot(vectors.get(i), i)).isCloseTo(1f, offset(1e-5f));
    }
    assertThat(store.upsert(ids[5], vectors.get(6))).isEqualTo(1_000);
    assertThat(store.id(5)).isNull();
    assertThat(store.ordinal(ids[5])).isEqualTo(1_000);
    assertThat(store.remove(ids[7])).isTrue();
    assertThat(store.remove(ids[7])).isFalse();
    assertThat(store.live()).isEqualTo(999);
    assertThat(store.dead()).isEqualTo(2);
    assertThat(store.ramBytesUsed()).isGreaterThan(1_000L * 384 * 4);
  }
}
