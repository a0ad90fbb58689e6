package com.memoryoss.bench;

/** Entry point: {@code bench/run <benchmark> [args]}. */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    String what = args.length == 0 ? "help" : args[0];
    switch (what) {
      case "stores" -> CoreBench.stores(arg(args, 1, 20), 32, 100);
      case "startup" -> CoreBench.startup((int) arg(args, 1, 5));
      case "recovery" -> CoreBench.recovery((int) arg(args, 1, 100_000));
      default -> {
        System.out.println("usage: bench/run stores [seconds] | startup [runs]"
            + " | recovery [memories]");
        System.exit(what.equals("help") ? 0 : 2);
      }
    }
    System.exit(0);
  }

  private static double arg(String[] args, int i, double dflt) {
    return args.length > i ? Double.parseDouble(args[i]) : dflt;
  }
}
