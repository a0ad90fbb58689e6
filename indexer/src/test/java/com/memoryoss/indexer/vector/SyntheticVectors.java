package com.memoryoss.indexer.vector;

import java.util.SplittableRandom;

/**
 * Reproducible synthetic unit vectors for tests and the benchmark.
 *
 * <p>{@link #clustered}: real sentence embeddings are clustered (topics), so points are drawn
 * around {@code clusters} random unit centres with isotropic Gaussian noise of the same expected
 * norm as the centre, then normalised. A point's cosine to its centre is then about 0.7 and to a
 * sibling about 0.5, while unrelated points sit near 0 — roughly what all-MiniLM-L6-v2 gives for
 * related vs unrelated sentences. {@link #uniform}: uniform on the sphere, the worst case for HNSW.
 */
final class SyntheticVectors {
  private final int dimensions;
  private final SplittableRandom random;
  private final float[][] centres;
  private final double noise;

  private SyntheticVectors(int dimensions, long seed, int clusters, double noise) {
    this.dimensions = dimensions;
    this.random = new SplittableRandom(seed);
    this.noise = noise;
    this.centres = new float[clusters][];
    for (int c = 0; c < clusters; c++) {
      centres[c] = gaussianUnit();
    }
  }

  static SyntheticVectors clustered(int dimensions, int clusters, long seed) {
    return clustered(dimensions, clusters, seed, 1.0);
  }

  /**
   * Clusters with noise {@code noise} times the centre's norm: 1 is the default above; 2 gives a
   * point-to-centre cosine of about 0.45 and sibling cosines of about 0.2 (looser topics).
   */
  static SyntheticVectors clustered(int dimensions, int clusters, long seed, double noise) {
    return new SyntheticVectors(dimensions, seed, clusters, noise);
  }

  static SyntheticVectors uniform(int dimensions, long seed) {
    return new SyntheticVectors(dimensions, seed, 0, 0);
  }

  /** The next vector of this distribution. */
  float[] next() {
    if (centres.length == 0) {
      return gaussianUnit();
    }
    float[] centre = centres[random.nextInt(centres.length)];
    float[] v = new float[dimensions];
    double sd = noise / Math.sqrt(dimensions);
    for (int i = 0; i < dimensions; i++) {
      v[i] = (float) (centre[i] + sd * gaussian());
    }
    return normalise(v);
  }

  float[][] next(int n) {
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) {
      out[i] = next();
    }
    return out;
  }

  private float[] gaussianUnit() {
    float[] v = new float[dimensions];
    for (int i = 0; i < dimensions; i++) {
      v[i] = (float) gaussian();
    }
    return normalise(v);
  }

  private double gaussian() {
    return random.nextGaussian();
  }

  static float[] normalise(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    double norm = Math.sqrt(sum);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] / norm);
    }
    return v;
  }

  static float dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return (float) s;
  }
}
