package com.memoryoss.indexer.embed.internal;

import java.util.Arrays;
import java.util.List;

/**
 * Token ids of several texts, right-padded to the longest, flattened row-major as ONNX wants them.
 * Attention mask is 1 for real tokens and 0 for padding; token type ids are all 0 (one segment).
 * The arrays are owned by the batch and must not be modified.
 */
public record EncodedBatch(
    int rows, int columns, long[] inputIds, long[] attentionMask, long[] tokenTypeIds) {

  public static EncodedBatch of(List<int[]> sequences, int padId) {
    if (sequences.isEmpty()) {
      throw new IllegalArgumentException("a batch needs at least one sequence");
    }
    int rows = sequences.size();
    int cols = sequences.stream().mapToInt(s -> s.length).max().orElseThrow();
    long[] ids = new long[rows * cols];
    long[] mask = new long[rows * cols];
    if (padId != 0) {
      Arrays.fill(ids, padId);
    }
    for (int r = 0; r < rows; r++) {
      int[] seq = sequences.get(r);
      int base = r * cols;
      for (int c = 0; c < seq.length; c++) {
        ids[base + c] = seq[c];
        mask[base + c] = 1;
      }
    }
    return new EncodedBatch(rows, cols, ids, mask, new long[rows * cols]);
  }

  /** The ONNX tensor shape, {@code [rows, columns]}. */
  public long[] shape() {
    return new long[] {rows, columns};
  }

  /** Real (non-padding) token count of a row. */
  public int length(int row) {
    int n = 0;
    for (int c = 0, base = row * columns; c < columns; c++) {
      n += (int) attentionMask[base + c];
    }
    return n;
  }
}
