package com.memoryoss.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

/**
 * The memory core's benchmarks: durable single and batch stores from 32 clients into one
 * namespace, dev start-up to a healthy /health, and recovery of a large namespace.
 */
final class CoreBench {
  private static final String UNLIMITED = "[limits]\nrate_limit_per_sec = 10000000\n";
  /** The durable write path alone: no embedding model (recall benchmarks measure that). */
  private static final String CORE = UNLIMITED + "[embeddings]\nmodel = \"none\"\n";

  private CoreBench() {}

  static String storeBody(int i) {
    return "{\"content\":\"benchmark fact " + i + " " + UUID.randomUUID()
        + " about the deploy pipeline and its flaky integration tests\","
        + "\"tags\":[\"bench\"],\"agent\":\"bench\"}";
  }

  static String batchBody(int i, int size) {
    StringBuilder sb = new StringBuilder("{\"memories\":[");
    for (int k = 0; k < size; k++) {
      if (k > 0) {
        sb.append(',');
      }
      sb.append(storeBody(i * 1000 + k));
    }
    return sb.append("]}").toString();
  }

  static void stores(double seconds, int clients, int batch) throws Exception {
    Report r = new Report("store-throughput", "Durable stores into one namespace");
    if (!Wrk.available()) {
      throw new IllegalStateException("this benchmark drives load with wrk: apt-get install wrk");
    }
    try (BenchServer s = BenchServer.dev(CORE)) {
      s.start();
      Path singles = Wrk.storeScript(s.dir, "single", "/v1/store", 0);
      Path batches = Wrk.storeScript(s.dir, "batch", "/v1/store/batch", batch);
      Wrk.run(s.baseUrl(), singles, clients, 5); // warm-up
      Wrk.Result one = Wrk.run(s.baseUrl(), singles, clients, seconds);
      Wrk.Result b = Wrk.run(s.baseUrl(), batches, clients, seconds);
      r.line("Command: `bench/run stores " + (int) seconds + "`  (wrk, " + clients
          + " connections, closed loop, " + (int) seconds + " s per workload after a 5 s"
          + " warm-up; dev mode, SQLite journal; every request is acknowledged only once its"
          + " key-store and journal transactions are committed; embeddings model \"none\": the"
          + " write path alone, since embedding happens behind it)");
      r.line("");
      r.line("| workload | requests | refused or failed | acknowledged memories/s | p50 ms |"
          + " p99 ms |");
      r.line("| --- | ---: | ---: | ---: | ---: | ---: |");
      r.line(row("single `/v1/store`", one, 1, seconds));
      r.line(row("`/v1/store/batch` of " + batch, b, batch, seconds));
      r.line("");
      r.line("Refused = 429 while the namespace's index is more than `limits.max_index_lag`"
          + " memories behind (wrk does not back off; a client retries after `Retry-After`)."
          + " Latencies include refusals. Server RSS after the run: " + s.rssMib() + " MiB.");
    }
    r.save();
  }

  private static String row(String name, Wrk.Result res, int perRequest, double seconds) {
    return String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %s | %s |", name, res.requests(),
        res.errors(), (res.requests() - res.errors()) * perRequest / seconds,
        Stats.ms(res.p50Ms()), Stats.ms(res.p99Ms()));
  }

  static void startup(int runs) throws Exception {
    Report r = new Report("startup", "`bin/memoryoss dev` from launch to a healthy /health");
    double[] times = new double[runs];
    for (int i = 0; i < runs; i++) {
      try (BenchServer s = BenchServer.dev("")) {
        times[i] = s.start();
      }
    }
    java.util.Arrays.sort(times);
    r.line("Command: `bench/run startup` (" + runs + " runs, fresh data dir each, jar prebuilt;"
        + " /health in dev mode also counts the default namespace, so the cluster and the first"
        + " entity are up)");
    r.line("");
    r.line("| median ms | min ms | max ms |");
    r.line("| ---: | ---: | ---: |");
    r.line(String.format(Locale.ROOT, "| %.0f | %.0f | %.0f |", Stats.median(times), times[0],
        times[runs - 1]));
    r.save();
  }

  static void recovery(int memories) throws Exception {
    Report r = new Report("recovery", "Recovery of a large namespace");
    try (BenchServer s = BenchServer.dev(CORE)) {
      s.start();
      HttpClient http = HttpClient.newHttpClient();
      long t0 = System.nanoTime();
      for (int i = 0; i < memories / 1000; i++) {
        HttpRequest batch = HttpRequest.newBuilder(URI.create(s.baseUrl() + "/v1/store/batch"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(batchBody(i, 1000))).build();
        HttpResponse<String> res = http.send(batch, HttpResponse.BodyHandlers.ofString());
        while (res.statusCode() == 429) { // the text index is behind: back off as asked
          Thread.sleep(res.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L)
              * 1000);
          res = http.send(batch, HttpResponse.BodyHandlers.ofString());
        }
        if (res.statusCode() != 200) {
          throw new IllegalStateException("batch failed: " + res.body());
        }
      }
      double ingest = (System.nanoTime() - t0) / 1e9;
      long rssBefore = s.rssMib();
      s.stop();
      long health = s.start();
      long t1 = System.nanoTime();
      HttpResponse<String> first = http.send(HttpRequest.newBuilder(
          URI.create(s.baseUrl() + "/v1/recall"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"flaky integration tests\"}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      double firstRecall = (System.nanoTime() - t1) / 1e6;
      r.line("Command: `bench/run recovery` (" + memories + " memories stored with batches of"
          + " 1000, graceful stop, start, first recall; embeddings model \"none\": see"
          + " `bench/run scale` for restarts with vectors)");
      r.line("");
      r.line("| step | value |");
      r.line("| --- | ---: |");
      r.line(String.format(Locale.ROOT, "| ingest (batches of 1000) | %.1f s (%.0f/s) |", ingest,
          memories / ingest));
      r.line("| RSS with the namespace loaded | " + rssBefore + " MiB |");
      r.line("| restart to healthy /health (includes recovering `default`) | " + health
          + " ms |");
      r.line(String.format(Locale.ROOT, "| then first recall (status %d) | %.0f ms |",
          first.statusCode(), firstRecall));
      r.line("| RSS after recovery | " + s.rssMib() + " MiB |");
    }
    r.save();
  }
}
