package com.memoryoss.protocol.api;

import com.memoryoss.protocol.MemoryException;
import java.util.Locale;
import java.util.UUID;

/**
 * The recall page cursor, {@code "<score with 16 decimals>:<uuid>"} as the original writes it. The
 * next page holds hits with a lower score, or the same score and a smaller id.
 */
public record RecallCursor(double score, UUID id) {

  public static RecallCursor parse(String cursor) {
    int colon = cursor.indexOf(':');
    if (colon <= 0) {
      throw MemoryException.invalid("invalid cursor");
    }
    try {
      return new RecallCursor(
          Double.parseDouble(cursor.substring(0, colon)),
          UUID.fromString(cursor.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      throw MemoryException.invalid("invalid cursor");
    }
  }

  static boolean isWellFormed(String cursor) {
    try {
      parse(cursor);
      return true;
    } catch (MemoryException e) {
      return false;
    }
  }

  /** True when a hit with this score and id belongs after the cursor. */
  public boolean admits(double s, UUID other) {
    double rounded = Double.parseDouble(format(s));
    return rounded < score || (rounded == score && other.compareTo(id) < 0);
  }

  private static String format(double s) {
    return String.format(Locale.ROOT, "%.16f", s);
  }

  @Override
  public String toString() {
    return format(score) + ":" + id;
  }
}
