package com.memoryoss.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user coming from the original: its style of config file starts the server (one warning per
 * key that does nothing here), {@code GET /v1/source} answers anyone, and {@code /metrics} has
 * the original's series, in a format Prometheus' own {@code promtool check metrics} accepts.
 *
 * <p>promtool runs when it is on the PATH; with {@code -Dmemoryoss.test.promtool=required} (CI)
 * its absence is a failure.
 */
class CompatibilityE2eTest {
  static FakeUpstream upstream;
  static ServerProcess server;
  static Api api;
  static final String KEY = "ek_compat_e2e_key_000000000000000000";
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    upstream = new FakeUpstream();
    // Laid out as the original's example is: jwt_expiry_secs written below [[auth.api_keys]].
    server = ServerProcess.start("""
        [auth]
        jwt_secret = "a-jwt-secret-that-is-32-characters-or-more"
        audit_hmac_secret = "an-audit-secret-that-is-32-characters-or-more"

        [[auth.api_keys]]
        key = "%s"
        role = "admin"
        namespace = "default"

        jwt_expiry_secs = 3600

        [proxy]
        enabled = true
        upstream_url = "%s/v1"
        anthropic_upstream_url = "%s/v1/messages"
        passthrough_auth = true
        passthrough_local_only = true
        extraction_enabled = false

        [[proxy.key_mapping]]
        proxy_key = "%s"
        namespace = "default"

        [sharing]
        allow_private_webhooks = false

        [logging]
        level = "info"
        json = false
        """.formatted(KEY, upstream.base(), upstream.base(), KEY));
    api = new Api(server.baseUrl(), KEY);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    upstream.close();
  }

  @Test
  void theOriginalsConfigLayoutStartsWithOneWarningPerKeyWithoutEffect() throws Exception {
    String log = server.log();
    for (String key : List.of("auth.audit_hmac_secret", "auth.api_keys[0].jwt_expiry_secs",
        "sharing.allow_private_webhooks")) {
      assertThat(log.split("config: " + java.util.regex.Pattern.quote(key)
          + ": has no effect here", -1)).as(key).hasSize(2);
    }
    assertThat(log).doesNotContain("config: proxy.", "config: logging.",
        "an-audit-secret-that-is");
  }

  @Test
  void sourceAnswersAnyoneWithTheLicense() throws Exception {
    Api.Res r = api.as(null).get("/v1/source");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("license").asText()).isEqualTo("Apache-2.0");
    assertThat(r.body().path("notice").asText()).contains("Apache License");
    assertThat(api.as(null).post("/v1/source", Map.of()).status()).isEqualTo(405);
  }

  @Test
  void metricsCarryTheOriginalsSeriesFromLiveCounters() throws Exception {
    Map<String, Long> before = scrape();
    String id = api.post("/v1/store", Map.of("content", "Metrics e2e: the build runs on Gradle"))
        .body().path("id").asText();
    api.post("/v1/store/batch", Map.of("memories", List.of(
        Map.of("content", "Metrics e2e one"), Map.of("content", "Metrics e2e two"))));
    api.post("/v1/recall", Map.of("query", "which build tool?"));
    api.post("/v1/recall/batch", Map.of("queries", List.of(Map.of("query", "a"),
        Map.of("query", "b"), Map.of("query", "c"))));
    api.call("DELETE", "/v1/forget", Map.of("ids", List.of(id)));
    HttpResponse<String> proxied = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
            + "/proxy/v1/chat/completions")).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + KEY)
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\",\"messages\":[{\"role\""
            + ":\"user\",\"content\":\"Which build tool do we use?\"}]}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(proxied.statusCode()).isEqualTo(200);
    Map<String, Long> after = scrape();

    assertThat(after.get("memoryoss_stores_total") - before.get("memoryoss_stores_total"))
        .isEqualTo(3);
    assertThat(after.get("memoryoss_recalls_total") - before.get("memoryoss_recalls_total"))
        .isEqualTo(4);
    assertThat(after.get("memoryoss_forgets_total") - before.get("memoryoss_forgets_total"))
        .isEqualTo(1);
    assertThat(after.get("memoryoss_proxy_requests_total")
        - before.get("memoryoss_proxy_requests_total")).isEqualTo(1);
    String decision = proxied.headers().firstValue("x-memory-gate-decision").orElseThrow();
    String gate = "memoryoss_proxy_gate_" + decision + "_total";
    assertThat(after.get(gate) - before.get(gate)).isEqualTo(1);
    long total = api.get("/v1/memories?limit=1").body().path("total").asLong();
    assertThat(total).isPositive();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
      Map<String, Long> now = scrape();
      return now.get("memoryoss_indexer_lag") == 0
          && now.get("memoryoss_vector_index_size") == total
          && now.get("memoryoss_idf_total_docs") == total;
    });
    assertThat(after.get("memoryoss_embedding_cache_total")).isPositive();
    for (String name : List.of("memoryoss_proxy_memories_injected_total",
        "memoryoss_proxy_gate_inject_total", "memoryoss_proxy_gate_abstain_total",
        "memoryoss_proxy_gate_need_more_evidence_total", "memoryoss_proxy_upstream_errors_total",
        "memoryoss_embedding_cache_valid")) {
      assertThat(after).containsKey(name);
    }
  }

  @Test
  void trustSignalsComeFromTheNamespaceInInspectAndQueryExplain() throws Exception {
    List<String> ids = new java.util.ArrayList<>();
    for (String text : List.of("Trust e2e: the release train leaves every second Tuesday",
        "Trust e2e: release notes are written in the changelog before the train leaves",
        "Trust e2e: the release train skips the last week of December")) {
      ids.add(api.post("/v1/store", Map.of("content", text)).body().path("id").asText());
    }
    for (int i = 0; i < 2; i++) {
      assertThat(api.post("/v1/feedback", Map.of("id", ids.get(0), "action", "confirm"))
          .status()).isEqualTo(200);
    }
    // The same key stored all three: its record (two confirmations) speaks for the others too.
    Api.Res inspect = api.get("/v1/inspect/" + ids.get(1));
    assertThat(inspect.status()).isEqualTo(200);
    com.fasterxml.jackson.databind.JsonNode signals = inspect.body().path("trust_signals");
    assertThat(signals.path("source_reputation").asDouble()).isEqualTo(0.8);
    assertThat(signals.path("embedding_coherence").asDouble()).isGreaterThan(0.5);
    assertThat(inspect.body().path("trust_confidence_low").asDouble())
        .isLessThan(inspect.body().path("trust_score").asDouble());

    Api.Res explain = api.post("/v1/admin/query-explain", Map.of("query", "release train"));
    assertThat(explain.status()).isEqualTo(200);
    com.fasterxml.jackson.databind.JsonNode first = explain.body().path("candidates").get(0);
    assertThat(first.path("trust_signals").path("source_reputation").asDouble()).isEqualTo(0.8);
    assertThat(first.path("trust_confidence_high").asDouble())
        .isGreaterThanOrEqualTo(first.path("trust_score").asDouble());
  }

  @Test
  void promtoolAcceptsTheExposition() throws Exception {
    api.post("/v1/store", Map.of("content", "Promtool e2e: one memory so every series exists"));
    String text = metricsText();
    Path promtool = promtool();
    boolean required = "required".equals(System.getProperty("memoryoss.test.promtool"));
    if (promtool == null) {
      assertThat(required).as("promtool is required (-Dmemoryoss.test.promtool=required) but"
          + " not on the PATH").isFalse();
      assumeThat(promtool).as("promtool not installed").isNotNull();
    }
    Process p = new ProcessBuilder(promtool.toString(), "check", "metrics")
        .redirectErrorStream(true).start();
    try (var in = p.getOutputStream()) {
      in.write(text.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("promtool check metrics:\n" + out + "\n" + text).isZero();
  }

  static Path promtool() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, "promtool");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  static String metricsText() throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
        + "/metrics")).header("Authorization", "Bearer " + KEY).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  static Map<String, Long> scrape() throws Exception {
    Map<String, Long> out = new HashMap<>();
    for (String line : metricsText().split("\n")) {
      if (!line.startsWith("#") && !line.isBlank()) {
        int sp = line.lastIndexOf(' ');
        out.put(line.substring(0, sp), Long.parseLong(line.substring(sp + 1)));
      }
    }
    return out;
  }
}
