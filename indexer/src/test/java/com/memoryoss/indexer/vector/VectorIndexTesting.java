package com.memoryoss.indexer.vector;

import com.memoryoss.indexer.vector.VectorIndexHealth.GraphState;

/** Helpers shared by the vector index tests. */
final class VectorIndexTesting {
  private VectorIndexTesting() {}

  /** Waits until background graph work is done; fails on a failed graph or after two minutes. */
  static void awaitSettled(InMemoryVectorIndex index) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (true) {
      VectorIndexHealth health = index.health();
      if (health.graph() == GraphState.FAILED || health.failure() != null) {
        throw new AssertionError("graph failed: " + health.failure());
      }
      if (health.settled()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("graph did not settle: " + health);
      }
      Thread.sleep(20);
    }
  }
}
