package com.memoryoss.indexer.embed.internal;

import java.nio.FloatBuffer;

/**
 * Sentence pooling. Mean (sentence-transformers, e5): the mean of the token vectors the attention
 * mask keeps, scaled to unit length; padding must not count, or a text's vector would change with
 * its batch mates. CLS (BGE): the first token's vector, scaled to unit length.
 */
public final class MeanPooling {
  private MeanPooling() {}

  /**
   * @param hidden the model's last hidden state, {@code [rows, columns, dimensions]} row-major
   * @return one unit vector per row of the batch
   */
  public static float[][] pool(FloatBuffer hidden, EncodedBatch batch, int dimensions) {
    int cols = batch.columns();
    long expected = (long) batch.rows() * cols * dimensions;
    if (hidden.remaining() != expected) {
      throw new IllegalStateException(
          "hidden state has " + hidden.remaining() + " values, expected " + expected);
    }
    long[] mask = batch.attentionMask();
    float[][] out = new float[batch.rows()][];
    int base = hidden.position();
    for (int r = 0; r < batch.rows(); r++) {
      float[] sum = new float[dimensions];
      int kept = 0;
      for (int c = 0; c < cols; c++) {
        if (mask[r * cols + c] == 0) {
          continue;
        }
        kept++;
        int offset = base + (r * cols + c) * dimensions;
        for (int d = 0; d < dimensions; d++) {
          sum[d] += hidden.get(offset + d);
        }
      }
      out[r] = normalize(sum, Math.max(kept, 1));
    }
    return out;
  }

  /**
   * CLS pooling (BGE): the hidden state of each row's first token, {@code [CLS]}, scaled to unit
   * length. Padding sits after it, so batch mates cannot change which vector is taken.
   */
  public static float[][] cls(FloatBuffer hidden, EncodedBatch batch, int dimensions) {
    int cols = batch.columns();
    long expected = (long) batch.rows() * cols * dimensions;
    if (hidden.remaining() != expected) {
      throw new IllegalStateException(
          "hidden state has " + hidden.remaining() + " values, expected " + expected);
    }
    float[][] out = new float[batch.rows()][];
    int base = hidden.position();
    for (int r = 0; r < batch.rows(); r++) {
      float[] first = new float[dimensions];
      hidden.get(base + r * cols * dimensions, first);
      out[r] = normalize(first, 1);
    }
    return out;
  }

  /** Divides by the token count, then scales to unit length (computed in double for accuracy). */
  private static float[] normalize(float[] sum, int count) {
    double norm = 0;
    for (float v : sum) {
      double mean = (double) v / count;
      norm += mean * mean;
    }
    norm = Math.sqrt(norm);
    // A zero vector cannot be normalized; it can only come from a degenerate model output.
    double scale = norm > 0 ? 1.0 / (norm * count) : 0;
    for (int d = 0; d < sum.length; d++) {
      sum[d] = (float) (sum[d] * scale);
    }
    return sum;
  }
}
