package com.memoryoss.cli.backup;

import java.io.PrintStream;

/**
 * A percentage on stderr for jobs worth watching: silent below {@link #THRESHOLD} bytes, one
 * updating line on a terminal, a line per 10% otherwise (logs stay short).
 */
final class Progress {
  static final long THRESHOLD = 32L << 20;

  private final PrintStream err;
  private final String label;
  private final long total;
  private final boolean terminal;
  private long done;
  private int shown = -1;

  Progress(PrintStream err, String label, long total) {
    this.err = err;
    this.label = label;
    this.total = total;
    this.terminal = System.console() != null;
  }

  void add(long bytes) {
    done += bytes;
    if (total < THRESHOLD) {
      return;
    }
    int pct = (int) Math.min(100, done * 100 / total);
    int step = terminal ? pct : pct / 10 * 10;
    if (step != shown) {
      shown = step;
      if (terminal) {
        err.print("\r" + label + " " + pct + "% (" + (done >> 20) + " of " + (total >> 20)
            + " MiB)");
        if (pct == 100) {
          err.println();
        }
      } else {
        err.println(label + " " + step + "%");
      }
      err.flush();
    }
  }
}
