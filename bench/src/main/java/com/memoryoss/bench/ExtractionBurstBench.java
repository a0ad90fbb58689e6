package com.memoryoss.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Does background extraction slow clients down? The same burst of proxied requests against a
 * gateway with extraction off and one whose extraction model takes {@code delayMs} per call, in
 * one run: client latency, what extraction dropped, and heap after a full GC before and after.
 */
final class ExtractionBurstBench {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String KEY = "ek_extraction_bench_key_0123456789ab";
  private static final String EXTRACTION_MARK = "long-term memory of a software project";

  private ExtractionBurstBench() {}

  static void run(int requests, int concurrency, long delayMs) throws Exception {
    HttpServer upstream = upstream(delayMs);
    String up = "http://127.0.0.1:" + upstream.getAddress().getPort();
    Report r = new Report("extraction-burst", "Client latency under a burst, extraction off vs a"
        + " slow extraction model");
    r.line("Command: `bench/run extraction " + requests + " " + concurrency + " " + delayMs
        + "` (" + requests + " proxied chat requests from " + concurrency + " concurrent clients"
        + " after 200 warm-up requests; upstream = a local in-process server answering chats at"
        + " once and extraction prompts after " + delayMs + " ms; memory mode full over a"
        + " namespace of " + SEED + " memories, so every request recalls (and embeds its query)"
        + " in both rows; heap = used heap after a full GC, from /metrics)");
    r.line("");
    r.line("| extraction | p50 ms | p99 ms | max ms | failed | extraction calls | dropped |"
        + " heap before MiB | heap after MiB |");
    r.line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    try {
      row(r, "off", up, false, requests, concurrency);
      row(r, "on, " + delayMs + " ms per call", up, true, requests, concurrency);
    } finally {
      upstream.stop(0);
    }
    r.line("");
    r.line("The extraction queue holds 256 exchanges and runs 2 calls at a time; the rest of a"
        + " burst is dropped and counted, never waited for. Heap after the burst includes the"
        + " exchanges still queued (at most 256), so it is bounded by the queue, not by the"
        + " burst.");
    r.save();
  }

  private static void row(Report r, String name, String up, boolean extraction, int requests,
      int concurrency) throws Exception {
    String toml = "[limits]\nrate_limit_per_sec = 10000000\n"
        + "[[auth.api_keys]]\nkey = \"" + KEY + "\"\nrole = \"admin\"\n"
        + "[proxy]\nenabled = true\nupstream_url = \"" + up + "/v1\"\n"
        + "extraction_enabled = " + extraction + "\n"
        + "extract_provider = \"openai\"\nextract_url = \"" + up + "/v1/chat/completions\"\n"
        + "extract_api_key = \"sk-bench-extract\"\nextract_model = \"bench-extractor\"\n"
        + "[[proxy.key_mapping]]\nproxy_key = \"" + KEY + "\"\nupstream_key = \"sk-up\"\n";
    try (BenchServer s = BenchServer.dev(toml)) {
      s.start();
      seed(s.baseUrl());
      burst(s.baseUrl(), 200, concurrency, "warm-up");
      long heapBefore = heapAfterGc(s);
      double[] lat = burst(s.baseUrl(), requests, concurrency, "burst");
      long heapAfter = heapAfterGc(s);
      int failed = 0;
      for (double v : lat) {
        failed += v < 0 ? 1 : 0;
      }
      r.line(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %d | %d | %d | %d | %d |",
          name, Stats.percentile(lat, 50), Stats.percentile(lat, 99), Stats.percentile(lat, 100),
          failed, metric(s, "memoryoss_extraction_calls_total"),
          metric(s, "memoryoss_extraction_dropped_total"), heapBefore >> 20, heapAfter >> 20));
    }
  }

  private static final int SEED = 200;

  /**
   * The same memories in both rows: recall then costs the same with extraction off and on (an
   * empty namespace skips the query embedding, and the learned facts would fill only the "on"
   * row's).
   */
  private static void seed(String base) throws Exception {
    StringBuilder batch = new StringBuilder("{\"memories\":[");
    for (int i = 0; i < SEED; i++) {
      batch.append(i == 0 ? "" : ",").append("{\"content\":\"Service ").append(i)
          .append(" is deployed from the ").append(i % 7 == 0 ? "main" : "release")
          .append(" branch and owned by team ").append(i % 13).append(".\"}");
    }
    batch.append("]}");
    HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(
            URI.create(base + "/v1/store/batch"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + KEY)
        .POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) {
      throw new IllegalStateException("seeding failed: " + res.statusCode() + " " + res.body());
    }
    BenchServer.awaitIndexed(base, KEY);
  }

  /** Latencies in ms; -1 for a request that did not answer 200. */
  private static double[] burst(String base, int n, int concurrency, String tag)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<Double>> fs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\""
            + tag + " request " + i + ": remember that the cache TTL of service " + i + " is "
            + (i % 90 + 10) + " seconds.\"}]}";
        fs.add(pool.submit(() -> {
          long t = System.nanoTime();
          HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(
                  URI.create(base + "/proxy/v1/chat/completions"))
              .header("Content-Type", "application/json").header("Authorization", "Bearer " + KEY)
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
              HttpResponse.BodyHandlers.ofString());
          return res.statusCode() == 200 ? (System.nanoTime() - t) / 1e6 : -1.0;
        }));
      }
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        out[i] = fs.get(i).get();
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static long heapAfterGc(BenchServer s) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    new ProcessBuilder(jcmd.toString(), String.valueOf(s.pid()), "GC.run")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
        .waitFor(60, TimeUnit.SECONDS);
    return metric(s, "memoryoss_jvm_heap_used_bytes");
  }

  private static long metric(BenchServer s, String name) throws Exception {
    String text = HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/metrics"))
        .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString())
        .body();
    for (String line : text.split("\n")) {
      if (line.startsWith(name + " ")) {
        return (long) Double.parseDouble(line.substring(name.length() + 1).strip());
      }
    }
    return 0;
  }

  /** Chats answer at once; extraction prompts after {@code delayMs}, with one fact. */
  private static HttpServer upstream(long delayMs) throws Exception {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.setExecutor(Executors.newFixedThreadPool(32));
    s.createContext("/", ex -> {
      String req = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String content = "hi";
      if (req.contains(EXTRACTION_MARK)) {
        try {
          Thread.sleep(delayMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        content = "[{\\\"content\\\":\\\"The cache TTL of the service is set per service.\\\","
            + "\\\"tags\\\":[\\\"bench\\\"]}]";
      }
      byte[] b = ("{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"" + content + "\"}}]}")
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, b.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
    });
    s.start();
    return s;
  }
}
