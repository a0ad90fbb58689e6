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
      case "scale" -> ScaleBench.run(java.util.Arrays.stream((args.length > 1 ? args[1]
          : "1000,10000,100000").split(",")).mapToInt(Integer::parseInt).toArray(),
          args.length > 2 ? args[2] : "e5-small-v2");
      case "gateway" -> GatewayBench.run((int) arg(args, 1, 10_000), (int) arg(args, 2, 300));
      case "extraction" -> ExtractionBurstBench.run((int) arg(args, 1, 1000),
          (int) arg(args, 2, 16), (long) arg(args, 3, 3000));
      case "locomo" -> LocomoEval.run(
          args.length > 2 ? java.nio.file.Path.of(args[2]) : LocomoEval.defaultData(),
          args.length > 3 ? java.util.List.of(args[3].split(","))
              : java.util.List.of("e5-small-v2", "all-minilm-l6-v2"), (int) arg(args, 1, 10));
      default -> {
        System.out.println("usage: bench/run stores [seconds] | startup [runs]"
            + " | recovery [memories] | locomo [conversations] [path/to/locomo10.json] [model,model]"
            + " | scale [sizes,comma,separated] [model] | gateway [memories] [requests]"
            + " | extraction [requests] [concurrency] [extractor delay ms]");
        System.exit(what.equals("help") ? 0 : 2);
      }
    }
    System.exit(0);
  }

  private static double arg(String[] args, int i, double dflt) {
    return args.length > i ? Double.parseDouble(args[i]) : dflt;
  }
}
