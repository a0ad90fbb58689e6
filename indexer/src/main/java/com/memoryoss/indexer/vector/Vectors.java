package com.memoryoss.indexer.vector;

/** Validation and normalisation of vectors entering an index. Stateless. */
final class Vectors {
  /** Norms this close to 1 are taken as unit length (float rounding of real embedders). */
  private static final float UNIT_TOLERANCE = 1e-3f;

  private Vectors() {}

  /**
   * A unit-length copy of {@code vector}. The copy protects the index from later mutation of the
   * caller's array; normalising makes dot product equal cosine even for client-supplied vectors.
   *
   * @throws IllegalArgumentException on a wrong length, a NaN or infinite component, or a zero
   *     vector
   */
  static float[] unitCopy(float[] vector, int dimensions) {
    if (vector == null) {
      throw new IllegalArgumentException("vector is null");
    }
    if (vector.length != dimensions) {
      throw new IllegalArgumentException(
          "vector dimension mismatch: got " + vector.length + ", expected " + dimensions);
    }
    double sum = 0;
    for (float x : vector) {
      if (!Float.isFinite(x)) {
        throw new IllegalArgumentException("vector contains NaN or Inf values");
      }
      sum += (double) x * x;
    }
    if (sum == 0) {
      throw new IllegalArgumentException("vector is all zeros");
    }
    float[] copy = vector.clone();
    double norm = Math.sqrt(sum);
    if (Math.abs(norm - 1) > UNIT_TOLERANCE) {
      for (int i = 0; i < copy.length; i++) {
        copy[i] = (float) (copy[i] / norm);
      }
    }
    return copy;
  }
}
