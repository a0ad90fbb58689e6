package com.memoryoss.indexer.embed.internal;

/**
 * Cuts texts, sorted by token count, into inference chunks that waste little on padding.
 *
 * <p>A chunk costs about {@code overhead + rows × longest} token slots: a fixed price per
 * inference plus every padded position. Fixed-size chunks make 31 short memories pay for one long
 * one; this planner picks the contiguous cut with the least total cost (dynamic programming, at
 * most {@code n × maxRows} steps) under limits on rows and on padded slots per chunk.
 *
 * <p>Stateless and thread-safe.
 *
 * @param maxRows most texts per chunk
 * @param maxSlots most padded token slots ({@code rows × longest}) per chunk; a single text longer
 *     than this still gets a chunk of its own
 * @param overhead fixed cost of one inference, in token slots
 */
public record ChunkPlanner(int maxRows, int maxSlots, int overhead) {

  public ChunkPlanner {
    if (maxRows < 1 || maxSlots < 1 || overhead < 0) {
      throw new IllegalArgumentException("bad chunk limits");
    }
  }

  /**
   * @param lengths token counts in ascending order
   * @return exclusive end index of each chunk, ascending; the last is {@code lengths.length}
   */
  public int[] plan(int[] lengths) {
    int n = lengths.length;
    long[] cost = new long[n + 1];
    int[] start = new int[n + 1];
    for (int end = 1; end <= n; end++) {
      // Ascending order: the chunk's last text is its longest and sets the padded width.
      long width = lengths[end - 1];
      cost[end] = Long.MAX_VALUE;
      for (int from = end - 1; from >= 0 && end - from <= maxRows; from--) {
        long rows = end - from;
        if (rows > 1 && rows * width > maxSlots) {
          break;
        }
        long c = cost[from] + overhead + rows * width;
        if (c < cost[end]) {
          cost[end] = c;
          start[end] = from;
        }
      }
    }
    int[] ends = new int[n];
    int count = 0;
    for (int end = n; end > 0; end = start[end]) {
      ends[count++] = end;
    }
    int[] ordered = new int[count];
    for (int i = 0; i < count; i++) {
      ordered[i] = ends[count - 1 - i];
    }
    return ordered;
  }
}
