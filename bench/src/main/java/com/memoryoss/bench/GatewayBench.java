package com.memoryoss.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Executors;

/**
 * Gateway overhead: the same chat request sent straight to a local upstream and through the
 * gateway (memory off, and memory on over a namespace of N memories), in one run. Non-streaming:
 * full latency; streaming: time to the first byte.
 */
final class GatewayBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String KEY = "ek_gateway_bench_key_0123456789abcd";
  /** Requests per row before measuring: the JIT compiles the path as in a running server. */
  private static final int WARM_UP = 500;

  private GatewayBench() {}

  static void run(int memories, int requests) throws Exception {
    HttpServer upstream = upstream();
    String up = "http://127.0.0.1:" + upstream.getAddress().getPort();
    Report r = new Report("gateway-overhead", "Gateway overhead against calling the upstream"
        + " directly");
    try (BenchServer s = BenchServer.dev("[limits]\nrate_limit_per_sec = 10000000\n"
        + "max_index_lag = 1000000\n[[auth.api_keys]]\nkey = \"" + KEY + "\"\nrole = \"admin\"\n"
        + "[proxy]\nenabled = true\nupstream_url = \"" + up + "/v1\"\nextraction_enabled = false\n"
        + "[[proxy.key_mapping]]\nproxy_key = \"" + KEY + "\"\n")) {
      s.start();
      for (int i = 0; i < memories; i += 500) {
        ArrayNode batch = JSON.createArrayNode();
        for (int k = i; k < Math.min(memories, i + 500); k++) {
          batch.addObject().put("content", "Project note " + k + ": the service "
              + (k % 97) + " uses port " + (3000 + k % 1000) + " and deploys on day " + (k % 7));
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("memories", batch);
        send(s.baseUrl() + "/v1/store/batch", body.toString(), false, null);
      }
      BenchServer.awaitIndexed(s.baseUrl(), KEY);
      String gw = s.baseUrl() + "/proxy/v1/chat/completions";
      String direct = up + "/v1/chat/completions";
      r.line("Command: `bench/run gateway " + memories + " " + requests + "` (" + requests
          + " sequential requests per row after " + WARM_UP + " warm-up requests; upstream = a"
          + " local in-process HTTP server answering at once; memory on = recall over " + memories
          + " memories, e5-small-v2, every question new so the query is embedded each time)");
      r.line("");
      r.line("| path | non-streaming p50 ms | p99 ms | added p50 | added p99 |"
          + " streaming TTFB p50 ms | p99 ms | added p50 | added p99 |");
      r.line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
      double[][] base = measure(direct, null, requests);
      row(r, "direct to upstream", base, base);
      row(r, "gateway, memory off", measure(gw, "off", requests), base);
      row(r, "gateway, memory on", measure(gw, "readonly", requests), base);
    } finally {
      upstream.stop(0);
    }
    r.save();
  }

  private static void row(Report r, String name, double[][] m, double[][] base) {
    r.line(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |"
        + " %.2f |", name, p(m[0], 50), p(m[0], 99), p(m[0], 50) - p(base[0], 50),
        p(m[0], 99) - p(base[0], 99), p(m[1], 50), p(m[1], 99), p(m[1], 50) - p(base[1], 50),
        p(m[1], 99) - p(base[1], 99)));
  }

  private static double p(double[] v, double pct) {
    return Stats.percentile(v, pct);
  }

  /** {non-streaming latencies, streaming time-to-first-byte}, ms. */
  private static double[][] measure(String url, String mode, int n) throws Exception {
    for (int i = 0; i < WARM_UP; i++) {
      send(url, chat("warm-up question " + i, i % 2 == 1), i % 2 == 1, mode);
    }
    double[] plain = new double[n];
    double[] ttfb = new double[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      send(url, chat("which port does service " + i + " use on day " + (i % 7) + "?", false),
          false, mode);
      plain[i] = (System.nanoTime() - t) / 1e6;
      t = System.nanoTime();
      ttfb[i] = send(url, chat("when does service " + i + " deploy, #" + i + "?", true), true,
          mode) - t / 1e6;
    }
    return new double[][] {plain, ttfb};
  }

  private static String chat(String q, boolean stream) {
    return "{\"model\":\"gpt-4o\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\","
        + "\"content\":\"" + q + "\"}]}";
  }

  /** Sends; returns the time (ms, nanoTime-based) the first body byte arrived. */
  private static double send(String url, String body, boolean stream, String mode)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + KEY)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (mode != null) {
      b.header("X-Memory-Mode", mode);
    }
    HttpResponse<InputStream> res = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = res.body()) {
      in.read();
      double first = System.nanoTime() / 1e6;
      in.readAllBytes();
      if (res.statusCode() != 200) {
        throw new IllegalStateException(url + " -> " + res.statusCode());
      }
      return first;
    }
  }

  private static HttpServer upstream() throws Exception {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.setExecutor(Executors.newFixedThreadPool(8));
    s.createContext("/", ex -> {
      String req = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      boolean stream = req.contains("\"stream\":true");
      if (stream) {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
          out.write("data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\n".getBytes());
          out.flush();
          out.write("data: [DONE]\n\n".getBytes());
        }
      } else {
        byte[] b = ("{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"}}]}").getBytes();
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, b.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(b);
        }
      }
    });
    s.start();
    return s;
  }
}
