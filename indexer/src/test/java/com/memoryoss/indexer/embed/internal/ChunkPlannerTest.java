package com.memoryoss.indexer.embed.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChunkPlannerTest {
  private final ChunkPlanner planner = new ChunkPlanner(32, 2048, 32);

  @Test
  void fillsChunksUpToTheRowLimitWhenLengthsAreEqual() {
    assertThat(planner.plan(lengths(70, 12))).containsExactly(32, 64, 70);
  }

  @Test
  void keepsOneLongTextFromPaddingTheShortOnes() {
    int[] lengths = IntStream.concat(IntStream.generate(() -> 12).limit(31), IntStream.of(200))
        .toArray();
    assertThat(planner.plan(lengths)).containsExactly(31, 32);
  }

  @Test
  void boundsPaddedSlotsPerChunk() {
    // 2048 slots hold 10 texts of 200 tokens, so 25 texts need three inferences.
    int[] ends = planner.plan(lengths(25, 200));
    assertThat(ends).hasSize(3).endsWith(25);
    for (int i = 0, from = 0; i < ends.length; from = ends[i++]) {
      assertThat(ends[i] - from).isBetween(1, 10);
    }
  }

  @Test
  void givesATextOverTheSlotLimitAChunkOfItsOwn() {
    ChunkPlanner tight = new ChunkPlanner(32, 100, 32);
    assertThat(tight.plan(new int[] {10, 10, 300})).containsExactly(2, 3);
  }

  @Test
  void plansNothingForNoTexts() {
    assertThat(planner.plan(new int[0])).isEmpty();
  }

  private static int[] lengths(int n, int length) {
    int[] a = new int[n];
    Arrays.fill(a, length);
    return a;
  }
}
