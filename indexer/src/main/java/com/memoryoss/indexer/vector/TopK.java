package com.memoryoss.indexer.vector;

import java.util.ArrayList;
import java.util.List;

/**
 * Bounded min-heap of (ordinal, score) keeping the {@code k} best scores seen. Parallel primitive
 * arrays, no boxing: the exact scan offers every candidate, so this sits on the hot path. Ties are
 * broken towards the lower ordinal so results are deterministic. Not thread-safe; one per search.
 */
final class TopK {
  private final int k;
  private final int[] ords;
  private final float[] scores;
  private int size;

  TopK(int k) {
    this.k = k;
    this.ords = new int[k];
    this.scores = new float[k];
  }

  int size() {
    return size;
  }

  /** True once {@code k} entries are held, i.e. {@link #minScore()} is a real bound. */
  boolean full() {
    return size == k;
  }

  /** The worst score held; only meaningful when {@link #full()}. */
  float minScore() {
    return scores[0];
  }

  /** Whether {@link #offer} would keep this candidate. */
  boolean wouldKeep(int ord, float score) {
    return size < k || worse(ords[0], scores[0], ord, score);
  }

  /** Offers a candidate; returns whether it was kept. */
  boolean offer(int ord, float score) {
    if (size < k) {
      ords[size] = ord;
      scores[size] = score;
      siftUp(size++);
      return true;
    }
    if (!worse(ords[0], scores[0], ord, score)) {
      return false;
    }
    ords[0] = ord;
    scores[0] = score;
    siftDown(0);
    return true;
  }

  /** Empties the heap into hits ordered best first. */
  List<Scored> drainBestFirst() {
    Scored[] out = new Scored[size];
    for (int i = size - 1; i >= 0; i--) {
      out[i] = new Scored(ords[0], scores[0]);
      size--;
      ords[0] = ords[size];
      scores[0] = scores[size];
      siftDown(0);
    }
    return new ArrayList<>(List.of(out));
  }

  /** One scored ordinal. */
  record Scored(int ord, float score) {}

  /** Whether (ordA, a) ranks below (ordB, b): lower score, or equal score and higher ordinal. */
  private static boolean worse(int ordA, float a, int ordB, float b) {
    return a < b || (a == b && ordA > ordB);
  }

  private void siftUp(int i) {
    int ord = ords[i];
    float score = scores[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!worse(ord, score, ords[parent], scores[parent])) {
        break;
      }
      ords[i] = ords[parent];
      scores[i] = scores[parent];
      i = parent;
    }
    ords[i] = ord;
    scores[i] = score;
  }

  private void siftDown(int i) {
    int ord = ords[i];
    float score = scores[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      int right = child + 1;
      if (right < size && worse(ords[right], scores[right], ords[child], scores[child])) {
        child = right;
      }
      if (!worse(ords[child], scores[child], ord, score)) {
        break;
      }
      ords[i] = ords[child];
      scores[i] = scores[child];
      i = child;
    }
    ords[i] = ord;
    scores[i] = score;
  }
}
