package com.memoryoss.bench;

import java.util.Arrays;
import java.util.Locale;

/** Small statistics helpers for reports. */
final class Stats {
  private Stats() {}

  static String ms(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** The p-th percentile (nearest rank) of samples. */
  static double percentile(double[] values, double p) {
    double[] s = values.clone();
    Arrays.sort(s);
    int idx = (int) Math.min(s.length - 1, Math.max(0, Math.ceil(p / 100.0 * s.length) - 1));
    return s[idx];
  }
}
