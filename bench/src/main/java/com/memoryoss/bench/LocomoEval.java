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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Retrieval evaluation on LoCoMo through the public API: every turn stored in order (content
 * {@code "<speaker>: <text>"}, agent = speaker, session = {@code session_N}), one namespace per
 * conversation; every question of categories 1-4 asked; hit@5, hit@10, recall@10 and MRR per
 * category, for several configurations side by side in one run.
 */
final class LocomoEval {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DIA_ID = Pattern.compile("D\\d+:\\d+");
  private static final Map<Integer, String> CATEGORY = Map.of(1, "multi-hop", 2, "temporal",
      3, "open-domain", 4, "single-hop");

  record Question(String namespace, String text, int category, Set<String> evidence) {}

  /** One retrieval configuration: which server (model) and which weights. */
  record Config(String name, String model, ObjectNode weights) {}

  static void run(Path data, List<String> models, int limitConversations) throws Exception {
    JsonNode all = JSON.readTree(data.toFile());
    Report r = new Report("locomo", "LoCoMo retrieval evaluation (turn level, categories 1-4)");
    Map<String, Map<String, Set<String>>> idToDia = new HashMap<>();
    List<Question> questions = new ArrayList<>();
    int skipped = 0;
    int conversations = Math.min(limitConversations, all.size());
    for (int c = 0; c < conversations; c++) {
      JsonNode sample = all.get(c);
      String ns = "locomo-" + c;
      for (JsonNode qa : sample.path("qa")) {
        int cat = qa.path("category").asInt();
        if (cat < 1 || cat > 4) {
          continue;
        }
        Set<String> ev = new java.util.HashSet<>();
        boolean broken = false;
        for (JsonNode e : qa.path("evidence")) {
          String s = e.asText().strip();
          if (DIA_ID.matcher(s).matches()) {
            ev.add(s);
          } else {
            broken = true;
          }
        }
        if (ev.isEmpty() || broken) {
          skipped++;
          continue;
        }
        questions.add(new Question(ns, qa.path("question").asText(), cat, ev));
      }
    }

    Map<String, Map<String, Double>> results = new LinkedHashMap<>();
    Map<String, String> ingestNotes = new LinkedHashMap<>();
    for (String model : models) {
      StringBuilder keys = new StringBuilder();
      for (int c = 0; c < conversations; c++) {
        keys.append("[[auth.api_keys]]\nkey = \"").append(key("locomo-" + c))
            .append("\"\nrole = \"admin\"\nnamespace = \"locomo-").append(c).append("\"\n");
      }
      try (BenchServer s = BenchServer.dev("[limits]\nrate_limit_per_sec = 10000000\n"
          + "[embeddings]\nmodel = \"" + model + "\"\n" + keys)) {
        s.start();
        long t0 = System.nanoTime();
        int turns = 0;
        for (int c = 0; c < conversations; c++) {
          turns += ingest(s.baseUrl(), all.get(c), "locomo-" + c, idToDia);
        }
        waitIndexed(s.baseUrl(), conversations);
        double secs = (System.nanoTime() - t0) / 1e9;
        ingestNotes.put(model, String.format(Locale.ROOT,
            "%d turns stored and indexed in %.1f s (%.0f memories/s with embedding)", turns, secs,
            turns / secs));
        List<Config> configs = new ArrayList<>();
        if (model.equals(models.get(0))) {
          configs.add(new Config("BM25 only", model, weights(0, 1, 0)));
        }
        configs.add(new Config("vector only (" + model + ")", model, weights(1, 0, 0)));
        if (model.equals(models.get(0))) {
          configs.add(new Config("full engine (" + model + ")", model, null));
        }
        for (Config cfg : configs) {
          results.put(cfg.name(), evaluate(s.baseUrl(), questions, cfg, idToDia));
        }
      }
    }

    r.line("Command: `bench/run locomo` (data: `../shared/bench-data/locomo10.json`, "
        + conversations + " conversations, " + questions.size() + " questions of categories 1-4;"
        + " " + skipped + " skipped for malformed or empty evidence). Categories as LoCoMo's own"
        + " code labels them: 1 multi-hop, 2 temporal, 3 open-domain, 4 single-hop.");
    r.line("");
    ingestNotes.forEach((m, n) -> r.line("- ingest, " + m + ": " + n));
    r.line("");
    List<String> cols = new ArrayList<>();
    for (int cat = 1; cat <= 4; cat++) {
      cols.add("hit@10 c" + cat);
    }
    r.line("| configuration | hit@5 | hit@10 | recall@10 | MRR | " + String.join(" | ", cols)
        + " |");
    r.line("|---|---:|---:|---:|---:|" + "---:|".repeat(cols.size()));
    results.forEach((name, m) -> {
      StringBuilder sb = new StringBuilder("| " + name);
      for (String k : List.of("hit@5", "hit@10", "recall@10", "mrr")) {
        sb.append(String.format(Locale.ROOT, " | %.3f", m.get(k)));
      }
      for (int cat = 1; cat <= 4; cat++) {
        sb.append(String.format(Locale.ROOT, " | %.3f", m.getOrDefault("hit@10 c" + cat, 0.0)));
      }
      r.line(sb.append(" |").toString());
    });
    r.line("");
    r.line("Per category (" + CATEGORY + "), counts: " + countByCategory(questions));
    r.save();
  }

  private static Map<Integer, Integer> countByCategory(List<Question> qs) {
    Map<Integer, Integer> n = new TreeMap<>();
    qs.forEach(q -> n.merge(q.category(), 1, Integer::sum));
    return n;
  }

  private static ObjectNode weights(double vector, double fts, double exact) {
    ObjectNode w = JSON.createObjectNode();
    w.put("vector", vector);
    w.put("fts", fts);
    w.put("exact", exact);
    w.put("recency", 0.0);
    return w;
  }

  private static int ingest(String base, JsonNode sample, String ns,
      Map<String, Map<String, Set<String>>> idToDia) throws Exception {
    Map<String, Set<String>> map = idToDia.computeIfAbsent(ns, k -> new HashMap<>());
    JsonNode conv = sample.path("conversation");
    int turns = 0;
    for (int sess = 1; conv.has("session_" + sess); sess++) {
      ArrayNode batch = JSON.createArrayNode();
      List<String> dias = new ArrayList<>();
      for (JsonNode turn : conv.path("session_" + sess)) {
        ObjectNode m = batch.addObject();
        m.put("content", turn.path("speaker").asText() + ": " + turn.path("text").asText());
        m.put("agent", turn.path("speaker").asText());
        m.put("session", "session_" + sess);
        m.put("namespace", ns);
        dias.add(turn.path("dia_id").asText());
      }
      if (batch.isEmpty()) {
        continue;
      }
      ObjectNode body = JSON.createObjectNode();
      body.set("memories", batch);
      try {
        JsonNode stored = post(base + "/v1/store/batch", body, ns).path("stored");
        for (int i = 0; i < stored.size(); i++) {
          map.computeIfAbsent(stored.get(i).path("id").asText(), k -> new java.util.HashSet<>())
              .add(dias.get(i));
        }
      } catch (IllegalStateException duplicate) {
        // A turn repeats an earlier one word for word: the store keeps one copy (exact-duplicate
        // refusal), and either turn id counts as retrieving it.
        for (int i = 0; i < batch.size(); i++) {
          String id = storeOne(base, (ObjectNode) batch.get(i), ns);
          map.computeIfAbsent(id, k -> new java.util.HashSet<>()).add(dias.get(i));
        }
      }
      turns += batch.size();
    }
    return turns;
  }

  private static final Pattern DUPLICATE = Pattern.compile("matches (?:batch )?memory ([0-9a-f-]{36})");

  private static String storeOne(String base, ObjectNode memory, String ns) throws Exception {
    HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/store"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + key(ns))
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(memory))).build(),
        HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() == 200) {
      return JSON.readTree(res.body()).path("id").asText();
    }
    var m = DUPLICATE.matcher(res.body());
    if (m.find()) {
      return m.group(1);
    }
    throw new IllegalStateException("store failed: " + res.statusCode() + " " + res.body());
  }

  private static void waitIndexed(String base, int conversations) throws Exception {
    for (int c = 0; c < conversations; c++) {
      BenchServer.awaitIndexed(base, key("locomo-" + c));
    }
  }

  private static Map<String, Double> evaluate(String base, List<Question> qs, Config cfg,
      Map<String, Map<String, Set<String>>> idToDia) throws Exception {
    double hit5 = 0;
    double hit10 = 0;
    double recall10 = 0;
    double mrr = 0;
    Map<Integer, double[]> perCat = new TreeMap<>();
    for (Question q : qs) {
      ObjectNode body = JSON.createObjectNode();
      body.put("query", q.text());
      body.put("limit", 10);
      body.put("namespace", q.namespace());
      if (cfg.weights() != null) {
        body.set("weights", cfg.weights());
      }
      JsonNode res = post(base + "/v1/recall", body, q.namespace());
      List<Set<String>> ranked = new ArrayList<>();
      for (JsonNode h : res.path("memories")) {
        ranked.add(idToDia.get(q.namespace()).getOrDefault(h.path("memory").path("id").asText(),
            Set.of()));
      }
      int first = -1;
      Set<String> found = new java.util.HashSet<>();
      for (int i = 0; i < ranked.size(); i++) {
        for (String dia : ranked.get(i)) {
          if (q.evidence().contains(dia)) {
            if (first < 0) {
              first = i;
            }
            found.add(dia);
          }
        }
      }
      int found10 = found.size();
      boolean h10 = first >= 0 && first < 10;
      hit5 += first >= 0 && first < 5 ? 1 : 0;
      hit10 += h10 ? 1 : 0;
      recall10 += (double) found10 / q.evidence().size();
      mrr += first >= 0 ? 1.0 / (first + 1) : 0;
      double[] pc = perCat.computeIfAbsent(q.category(), k -> new double[2]);
      pc[0] += h10 ? 1 : 0;
      pc[1] += 1;
    }
    int n = qs.size();
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("hit@5", hit5 / n);
    m.put("hit@10", hit10 / n);
    m.put("recall@10", recall10 / n);
    m.put("mrr", mrr / n);
    perCat.forEach((cat, v) -> m.put("hit@10 c" + cat, v[0] / v[1]));
    return m;
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static String key(String ns) {
    return "ek_bench_" + ns + "_0123456789abcdef";
  }

  private static JsonNode post(String url, JsonNode body, String ns) throws Exception {
    HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + key(ns))
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
        HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) {
      throw new IllegalStateException(url + " -> " + res.statusCode() + " " + res.body());
    }
    return JSON.readTree(res.body());
  }

  static Path defaultData() {
    return BenchServer.root().resolve("../shared/bench-data/locomo10.json").normalize();
  }

  static boolean exists(Path p) {
    return Files.exists(p);
  }
}
