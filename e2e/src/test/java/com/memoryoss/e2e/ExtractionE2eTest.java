package com.memoryoss.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Background fact extraction end to end: the fake upstream plays both the chat model and the
 * extraction model (it answers an extraction prompt with the {@code MOCK-FACT:} lines it finds in
 * the conversation).
 */
class ExtractionE2eTest {
  static FakeUpstream upstream;
  static ServerProcess server;
  static Api api;
  static final String KEY = "ek_extraction_e2e_key_0000000000000";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final Pattern FACT = Pattern.compile("MOCK-FACT: ([^\\n\"]+)");
  static final String SECRET = "sk-proj-SECRETSECRETSECRET0123456789abcdefXYZ";
  static volatile long slowExtractionMs;

  @BeforeAll
  static void start() throws Exception {
    upstream = new FakeUpstream();
    upstream.reply = req -> {
      String all = FakeUpstream.strings(req);
      if (!all.contains("long-term memory of a software project")) {
        return null; // an ordinary chat turn: the default answer
      }
      if (slowExtractionMs > 0) {
        try {
          Thread.sleep(slowExtractionMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      ArrayNode facts = Api.JSON.createArrayNode();
      Matcher m = FACT.matcher(all);
      while (m.find()) {
        ObjectNode f = facts.addObject();
        f.put("content", m.group(1).strip());
        f.putArray("tags").add("test");
      }
      return "Here are the facts:\n```json\n" + facts + "\n```";
    };
    server = ServerProcess.start("""
        [[auth.api_keys]]
        key = "%s"
        role = "admin"
        namespace = "learner"

        [proxy]
        enabled = true
        upstream_url = "%s/v1"
        anthropic_upstream_url = "%s/v1/messages"
        extraction_enabled = true
        extract_provider = "openai"
        extract_url = "%s/v1/chat/completions"
        extract_api_key = "sk-extract-key-for-tests"
        extract_model = "fake-extractor"

        [[proxy.key_mapping]]
        proxy_key = "%s"
        namespace = "learner"
        upstream_key = "sk-upstream"

        [limits]
        rate_limit_per_sec = 100000
        """.formatted(KEY, upstream.base(), upstream.base(), upstream.base(), KEY));
    api = new Api(server.baseUrl(), KEY);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    upstream.close();
  }

  static HttpResponse<String> chat(List<String[]> turns) throws Exception {
    return chat(turns, null, null);
  }

  static HttpResponse<String> chat(List<String[]> turns, String header, String value)
      throws Exception {
    ObjectNode body = Api.JSON.createObjectNode();
    body.put("model", "gpt-4o");
    ArrayNode messages = body.putArray("messages");
    for (String[] t : turns) {
      messages.addObject().put("role", t[0]).put("content", t[1]);
    }
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(server.baseUrl()
            + "/proxy/v1/chat/completions")).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + KEY);
    if (header != null) {
      req.header(header, value);
    }
    return HTTP.send(req.POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static List<JsonNode> memories() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    api.get("/v1/memories?limit=1000").body().path("memories").forEach(out::add);
    return out;
  }

  static JsonNode memoryContaining(String text) throws Exception {
    return memories().stream().filter(m -> m.path("content").asText().contains(text))
        .findFirst().orElse(null);
  }

  @Test
  void aFactBecomesACandidateThenActiveOnASecondMentionThenIsInjected() throws Exception {
    String fact = "The user's editor is Helix. MEMORY-TOKEN: F7";
    assertThat(chat(List.<String[]>of(new String[] {"user",
        "I switched editors last week. MOCK-FACT: " + fact})).statusCode()).isEqualTo(200);
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> memoryContaining("Helix") != null);
    JsonNode candidate = memoryContaining("Helix");
    assertThat(candidate.path("status").asText()).isEqualTo("candidate");
    assertThat(candidate.path("source_key").asText()).isEqualTo("proxy-extraction");

    // A candidate is never injected.
    assertThat(chat(List.<String[]>of(new String[] {"user", "Which editor do I use?"})).body())
        .contains("MEMORY-TOKENS-SEEN: none");

    chat(List.<String[]>of(new String[] {"user", "Remember this for later."},
        new String[] {"assistant", "Sure."},
        new String[] {"user", "Again, in case you forgot: MOCK-FACT: " + fact}));
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
        "active".equals(memoryContaining("Helix").path("status").asText()));

    HttpResponse<String> later = chat(List.<String[]>of(new String[] {"user",
        "Which editor do I use these days?"}));
    assertThat(later.body()).contains("MEMORY-TOKENS-SEEN: F7");
    assertThat(later.headers().firstValue("x-memory-gate-decision")).contains("inject");
  }

  @Test
  void writeonlyLearnsFromTheExchangeButInjectsNothing() throws Exception {
    assertThat(api.post("/v1/store", java.util.Map.of("content",
        "MEMORY-TOKEN: W1 The user's terminal is Ghostty with the Iosevka font.")).status())
        .isEqualTo(200);
    HttpResponse<String> r = chat(List.<String[]>of(new String[] {"user",
        "Which terminal and font do I use? MOCK-FACT: The user's shell is fish."}),
        "X-Memory-Mode", "writeonly");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("MEMORY-TOKENS-SEEN: none");
    assertThat(r.headers().firstValue("x-memory-mode")).contains("writeonly");
    assertThat(r.headers().firstValue("x-memory-injected-count")).contains("0");
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> memoryContaining("shell is fish") != null);
    // The same question in full mode does get the memory.
    assertThat(chat(List.<String[]>of(new String[] {"user",
        "Which terminal and font do I use?"})).body()).contains("MEMORY-TOKENS-SEEN: W1");
  }

  @Test
  void secretsNeverReachTheExtractionModelTheStoreOrTheLogs() throws Exception {
    upstream.requests.clear();
    chat(List.<String[]>of(new String[] {"user", "Deploy with OPENAI_API_KEY=" + SECRET
        + " please. MOCK-FACT: Deploys use the blue-green strategy with key " + SECRET}));
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> upstream.requests.stream()
        .anyMatch(r -> r.text().contains("long-term memory") && r.text().contains("blue-green")));
    List<FakeUpstream.Request> extraction = upstream.requests.stream()
        .filter(r -> r.text().contains("long-term memory") && r.text().contains("blue-green"))
        .toList();
    assertThat(extraction).allSatisfy(r -> assertThat(r.text()).doesNotContain(SECRET)
        .contains("[REDACTED:"));
    Thread.sleep(1000);
    assertThat(memories()).noneMatch(m -> m.toString().contains(SECRET));
    for (Path f : server.dataFiles()) {
      assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
          .doesNotContain(SECRET);
    }
    assertThat(server.tail()).doesNotContain(SECRET);
  }

  static long metric(String name) throws Exception {
    String text = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics"))
        .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString())
        .body();
    for (String line : text.split("\n")) {
      if (line.startsWith(name + " ")) {
        return Long.parseLong(line.substring(name.length() + 1).strip());
      }
    }
    return 0;
  }

  @Test
  void aBurstWithASlowExtractorNeverBlocksClientsDropsOverflowAndKeepsHeapFlat()
      throws Exception {
    slowExtractionMs = 3000;
    try {
      java.util.function.IntFunction<Integer> one = i -> {
        try {
          return chat(List.<String[]>of(new String[] {"user", "Burst request " + i
              + " MOCK-FACT: Burst fact " + i + " says the cache TTL is " + i + "s."}))
              .statusCode();
        } catch (Exception e) {
          return -1;
        }
      };
      runConcurrently(200, one); // warm up
      server.gc();
      long heapBefore = metric("memoryoss_jvm_heap_used_bytes");
      long dropsBefore = metric("memoryoss_extraction_dropped_total");
      List<Integer> statuses = runConcurrently(1000, one);
      assertThat(statuses).allMatch(s -> s == 200);
      assertThat(metric("memoryoss_extraction_dropped_total")).isGreaterThan(dropsBefore);
      server.gc();
      long heapAfter = metric("memoryoss_jvm_heap_used_bytes");
      assertThat(heapAfter).isLessThan(heapBefore + 96L * 1024 * 1024);
    } finally {
      slowExtractionMs = 0;
      awaitExtractionIdle();
    }
  }

  /** Waits until every offered exchange was dropped, skipped or extracted. */
  static void awaitExtractionIdle() {
    Awaitility.await().atMost(Duration.ofSeconds(120)).until(() ->
        metric("memoryoss_extraction_offered_total")
            <= metric("memoryoss_extraction_dropped_total")
            + metric("memoryoss_extraction_repeats_total")
            + metric("memoryoss_extraction_calls_total")
            + metric("memoryoss_extraction_failures_total"));
  }

  static List<Integer> runConcurrently(int n, java.util.function.IntFunction<Integer> task)
      throws Exception {
    var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
    try {
      List<java.util.concurrent.Future<Integer>> fs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        fs.add(pool.submit(() -> task.apply(k)));
      }
      List<Integer> out = new ArrayList<>();
      for (var f : fs) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void replayingTheSameConversationAddsNoActiveMemories() throws Exception {
    List<String[]> history = new ArrayList<>();
    List<List<String[]>> requests = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String fact = i % 10 == 0 ? " MOCK-FACT: Replay fact number " + (i / 10)
          + " is about module m" + i + "." : "";
      history.add(new String[] {"user", "Turn " + i + " of the replay conversation." + fact});
      requests.add(new ArrayList<>(history));
      history.add(new String[] {"assistant", "Noted turn " + i + "."});
    }
    for (List<String[]> r : requests) {
      assertThat(chat(r).statusCode()).isEqualTo(200);
    }
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ofSeconds(2))
        .until(() -> memories().stream()
            .filter(m -> m.path("content").asText().startsWith("Replay fact")).count() == 5);
    long activeBefore = memories().stream()
        .filter(m -> m.path("status").asText().equals("active")).count();
    int idsBefore = memories().size();

    for (List<String[]> r : requests) {
      chat(r);
    }
    Thread.sleep(3000);
    assertThat(memories().stream().filter(m -> m.path("status").asText().equals("active"))
        .count()).isEqualTo(activeBefore);
    assertThat(memories()).hasSize(idsBefore);
  }
}
