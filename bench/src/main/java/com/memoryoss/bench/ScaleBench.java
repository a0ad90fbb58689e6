package com.memoryoss.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recall latency and restart time at scale, through HTTP, one namespace of N memories with the
 * default embedding model: ingest with embedding, fresh-query and repeated-query latency, restart
 * to the first answer, resident memory. Texts are LoCoMo turns (made unique by a suffix) when the
 * data is present, otherwise generated sentences.
 */
final class ScaleBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String KEY = "ek_scale_bench_key_0123456789abcdef";

  private static final int WARM_UP = 500;

  private ScaleBench() {}

  static void run(int[] sizes, String model) throws Exception {
    List<String> texts = texts();
    List<String> questions = questions();
    Report r = new Report("scale-" + model, "Recall latency and restart at scale (" + model + ")");
    r.line("Command: `bench/run scale " + joined(sizes) + " " + model + "` (one namespace, batches"
        + " of 500 through /v1/store/batch; after " + WARM_UP + " warm-up queries, 300 fresh"
        + " queries (never seen before) and 200 repeats"
        + " of one query, sequential, after the index has caught up (consistency \"eventual\");"
        + " restart = SIGTERM then start until the first recall answers)");
    r.line("");
    r.line("| memories | ingest+index /s | fresh p50 ms | fresh p99 ms | repeat p50 ms |"
        + " repeat p99 ms | restart to first recall s | RSS MiB |");
    r.line("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (int n : sizes) {
      try (BenchServer s = BenchServer.dev("[limits]\nrate_limit_per_sec = 10000000\n"
          + "max_index_lag = 1000000\n[embeddings]\nmodel = \"" + model + "\"\n"
          + "[[auth.api_keys]]\nkey = \"" + KEY + "\"\nrole = \"admin\"\n")) {
        s.start();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i += 500) {
          ArrayNode batch = JSON.createArrayNode();
          for (int k = i; k < Math.min(n, i + 500); k++) {
            ObjectNode m = batch.addObject();
            m.put("content", texts.get(k % texts.size()) + (k >= texts.size()
                ? " (note " + k + ")" : ""));
            m.put("session", "s" + (k / 20));
          }
          ObjectNode body = JSON.createObjectNode();
          body.set("memories", batch);
          post(s.baseUrl() + "/v1/store/batch", body);
        }
        BenchServer.awaitIndexed(s.baseUrl(), KEY);
        double ingest = n / ((System.nanoTime() - t0) / 1e9);
        // Steady state, as a running server answers: the recall path compiled by the JIT
        // (restart measures the cold path).
        for (int i = 0; i < WARM_UP; i++) {
          recall(s.baseUrl(), "warm-up " + questions.get((i * 7) % questions.size()) + " " + i,
              false);
        }
        double[] fresh = new double[300];
        for (int i = 0; i < fresh.length; i++) {
          fresh[i] = recall(s.baseUrl(), questions.get(i % questions.size()) + " #" + i, false);
        }
        double[] repeat = new double[200];
        for (int i = 0; i < repeat.length; i++) {
          repeat[i] = recall(s.baseUrl(), "what did they say about the weekend trip?", false);
        }
        long rss = s.rssMib();
        s.stop();
        long t1 = System.nanoTime();
        s.start();
        firstAnswer(s.baseUrl());
        double restart = (System.nanoTime() - t1) / 1e9;
        r.line(String.format(Locale.ROOT, "| %d | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %d |",
            n, ingest, Stats.percentile(fresh, 50), Stats.percentile(fresh, 99),
            Stats.percentile(repeat, 50), Stats.percentile(repeat, 99), restart, rss));
      }
    }
    r.line("");
    r.line("Fresh queries pay for embedding the query; repeats hit the query-embedding cache, so"
        + " the difference is the query embedding's cost.");
    r.save();
  }

  /**
   * A strong recall, repeated while the server says it is still rebuilding its index (429) or
   * its namespace is not up yet (503): the time a client waits for its first real answer.
   */
  private static void firstAnswer(String base) throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("query", "first answer after restart");
    while (true) {
      HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/recall"))
          .header("Content-Type", "application/json").header("Authorization", "Bearer " + KEY)
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
          HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() == 200) {
        return;
      }
      if (res.statusCode() != 429 && res.statusCode() != 503) {
        throw new IllegalStateException("recall -> " + res.statusCode() + " " + res.body());
      }
      Thread.sleep(100);
    }
  }

  private static double recall(String base, String query, boolean strong) throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("query", query);
    body.put("limit", 10);
    body.put("consistency", strong ? "strong" : "eventual");
    long t = System.nanoTime();
    post(base + "/v1/recall", body);
    return (System.nanoTime() - t) / 1e6;
  }

  private static JsonNode post(String url, JsonNode body) throws Exception {
    HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + KEY)
        .timeout(java.time.Duration.ofMinutes(30))
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
        HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) {
      throw new IllegalStateException(url + " -> " + res.statusCode() + " " + res.body());
    }
    return JSON.readTree(res.body());
  }

  /** Distinct texts (a batch refuses exact duplicates). */
  private static List<String> texts() throws Exception {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    if (Files.exists(LocomoEval.defaultData())) {
      for (JsonNode sample : JSON.readTree(LocomoEval.defaultData().toFile())) {
        JsonNode conv = sample.path("conversation");
        for (int s = 1; conv.has("session_" + s); s++) {
          for (JsonNode turn : conv.path("session_" + s)) {
            out.add(turn.path("speaker").asText() + ": " + turn.path("text").asText());
          }
        }
      }
    }
    if (out.isEmpty()) {
      String[] subjects = {"the deploy pipeline", "the staging database", "our API gateway",
          "the release train", "the mobile app", "the billing service", "the search index"};
      String[] facts = {"runs on port %d", "was migrated in week %d", "needs %d replicas",
          "times out after %d seconds", "is owned by team %d"};
      for (int i = 0; i < 5000; i++) {
        out.add("Note: " + subjects[i % subjects.length] + " "
            + String.format(facts[(i / 7) % facts.length], i));
      }
    }
    return new ArrayList<>(out);
  }

  private static List<String> questions() throws Exception {
    List<String> out = new ArrayList<>();
    if (Files.exists(LocomoEval.defaultData())) {
      for (JsonNode sample : JSON.readTree(LocomoEval.defaultData().toFile())) {
        for (JsonNode qa : sample.path("qa")) {
          out.add(qa.path("question").asText());
        }
      }
    }
    if (out.isEmpty()) {
      out.add("which port does the staging database use?");
    }
    return out;
  }

  private static String joined(int[] sizes) {
    StringBuilder sb = new StringBuilder();
    for (int s : sizes) {
      sb.append(sb.isEmpty() ? "" : ",").append(s);
    }
    return sb.toString();
  }
}
