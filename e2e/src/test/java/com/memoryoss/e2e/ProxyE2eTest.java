package com.memoryoss.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The LLM gateway end to end: the real launcher in front of a recording fake upstream, for each
 * API, streaming and not.
 */
class ProxyE2eTest {
  static FakeUpstream upstream;
  static ServerProcess server;
  static final String PROXY_KEY = "ek_proxy_key_for_e2e_000000000000";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static String drinkId;

  @BeforeAll
  static void start() throws Exception {
    upstream = new FakeUpstream();
    server = ServerProcess.start("""
        [[auth.api_keys]]
        key = "%s"
        role = "admin"
        namespace = "proxy-ns"

        [proxy]
        enabled = true
        upstream_url = "%s/v1"
        anthropic_upstream_url = "%s/v1/messages"
        extraction_enabled = false

        [[proxy.key_mapping]]
        proxy_key = "%s"
        namespace = "proxy-ns"
        upstream_key = "sk-upstream-secret"
        """.formatted(PROXY_KEY, upstream.base(), upstream.base(), PROXY_KEY));
    Api api = new Api(server.baseUrl(), PROXY_KEY);
    Api.Res drink = api.post("/v1/store", Map.of("content",
        "MEMORY-TOKEN: T42 The user's favourite drink is green tea, never coffee."));
    assertThat(drink.status()).isEqualTo(200);
    drinkId = drink.body().path("id").asText();
    api.post("/v1/store", Map.of("content", "The deploy pipeline runs on Fridays at noon."));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    upstream.close();
  }

  @BeforeEach
  void clear() {
    upstream.requests.clear();
  }

  static String body(String api, boolean stream, String question) {
    return switch (api) {
      case "chat" -> "{\"model\":\"gpt-4o\",\"stream\":" + stream + ",\"messages\":[{\"role\":"
          + "\"system\",\"content\":\"You are helpful.\"},{\"role\":\"user\",\"content\":\""
          + question + "\"}]}";
      case "responses" -> "{\"model\":\"gpt-5\",\"stream\":" + stream + ",\"input\":[{\"type\":"
          + "\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\""
          + question + "\"}]}]}";
      default -> "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":100,\"stream\":" + stream
          + ",\"system\":[{\"type\":\"text\",\"text\":\"You are Claude.\"}],\"messages\":[{"
          + "\"role\":\"user\",\"content\":\"" + question + "\"}]}";
    };
  }

  static String path(String api) {
    return switch (api) {
      case "chat" -> "/proxy/v1/chat/completions";
      case "responses" -> "/proxy/v1/responses";
      default -> "/proxy/anthropic/v1/v1/messages?beta=true";
    };
  }

  static HttpResponse<String> send(String api, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path(api)))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (api.equals("anthropic")) {
      b.header("x-api-key", PROXY_KEY).header("anthropic-version", "2023-06-01");
    } else {
      b.header("Authorization", "Bearer " + PROXY_KEY);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest(name = "{0} stream={1}")
  @CsvSource({"chat,false", "chat,true", "responses,false", "responses,true",
      "anthropic,false", "anthropic,true"})
  void aRelevantMemoryReachesTheUpstreamAndTheReply(String api, boolean stream)
      throws Exception {
    HttpResponse<String> r = send(api, body(api, stream, "What drink should you offer me?"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("MEMORY-TOKENS-SEEN: T42");
    assertThat(r.headers().firstValue("x-memory-injected-count")).hasValueSatisfying(
        n -> assertThat(Integer.parseInt(n)).isPositive());
    assertThat(r.headers().firstValue("x-memory-gate-decision")).contains("inject");
    FakeUpstream.Request sent = upstream.requests.get(0);
    assertThat(sent.text()).contains("<memory_context>").contains("T42");
    assertThat(sent.headers().get("Authorization") == null
        ? sent.headers().get("X-api-key") : sent.headers().get("Authorization"))
        .anyMatch(v -> v.contains("sk-upstream-secret"));
    if (stream) {
      assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(
          t -> assertThat(t).startsWith("text/event-stream"));
    }
  }

  @Test
  void injectionsAreCountedAndTheDecaySweepRunsFromTheApiAndTheCli() throws Exception {
    Api api = new Api(server.baseUrl(), PROXY_KEY);
    int before = api.get("/v1/inspect/" + drinkId).body().path("injection_count").asInt();
    HttpResponse<String> r = send("chat", body("chat", false, "What drink should you offer me?"));
    assertThat(r.headers().firstValue("x-memory-gate-decision")).contains("inject");
    // Recorded in the background, after the request was forwarded.
    JsonNode m = api.get("/v1/inspect/" + drinkId).body();
    for (int i = 0; i < 100 && m.path("injection_count").asInt() <= before; i++) {
      Thread.sleep(100);
      m = api.get("/v1/inspect/" + drinkId).body();
    }
    assertThat(m.path("injection_count").asInt()).isGreaterThan(before);
    assertThat(m.path("last_injected_at").asText()).isNotEmpty();

    Api.Res dry = api.post("/v1/admin/decay", Map.of("after_days", 0, "dry_run", true));
    assertThat(dry.status()).isEqualTo(200);
    assertThat(dry.body().path("namespace").asText()).isEqualTo("proxy-ns");
    assertThat(dry.body().path("examined").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(dry.body().path("dry_run").asBoolean()).isTrue();
    assertThat(api.post("/v1/admin/decay", Map.of("after_days", -1)).status()).isEqualTo(400);

    Cli.Result cli = Cli.run(Map.of(), null, "-c", server.config.toString(), "decay",
        "--dry-run", "--after-days", "0");
    assertThat(cli.exit()).as(cli.err()).isZero();
    assertThat(cli.out()).contains("namespace proxy-ns").contains("memories examined")
        .contains("would become stale");
    assertThat(api.get("/v1/inspect/" + drinkId).body().path("status").asText())
        .isEqualTo("active");
  }

  @ParameterizedTest
  @CsvSource({"chat", "responses", "anthropic"})
  void withMemoryOffTheForwardedBodyIsByteIdentical(String api) throws Exception {
    String body = body(api, false, "What drink should you offer me?");
    HttpResponse<String> r = send(api, body, "X-Memory-Mode", "off");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("MEMORY-TOKENS-SEEN: none");
    assertThat(upstream.requests.get(0).text()).isEqualTo(body);
    assertThat(r.headers().firstValue("x-memory-injected-count")).contains("0");
  }

  @Test
  void readonlyRecallsAndAfterFiltersByDate() throws Exception {
    HttpResponse<String> ro = send("chat", body("chat", false, "What drink do I like?"),
        "X-Memory-Mode", "readonly");
    assertThat(ro.body()).contains("T42");
    HttpResponse<String> after = send("chat", body("chat", false, "What drink do I like?"),
        "X-Memory-Mode", "after", "X-Memory-After", "2999-01-01");
    assertThat(after.body()).contains("MEMORY-TOKENS-SEEN: none");
  }

  @Test
  void clientContentSurvivesInjection() throws Exception {
    String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":[{"
        + "\"type\":\"text\",\"text\":\"sys\"}]},{\"role\":\"user\",\"content\":[{\"type\":\"text\""
        + ",\"text\":\"What drink do I like?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":"
        + "\"data:image/png;base64,AAAA\"}}]},{\"role\":\"assistant\",\"tool_calls\":[{\"id\":"
        + "\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"result\"}],\"tools\":[]}";
    HttpResponse<String> r = send("chat", body);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode sent = upstream.requests.get(0).json();
    assertThat(sent.at("/messages/0/content/0/text").asText()).isEqualTo("sys");
    assertThat(sent.at("/messages/0/content/1/text").asText()).contains("<memory_context>");
    assertThat(sent.at("/messages/1/content/1/image_url/url").asText())
        .isEqualTo("data:image/png;base64,AAAA");
    assertThat(sent.at("/messages/2/tool_calls/0/id").asText()).isEqualTo("call_1");
    assertThat(sent.at("/messages/3/content").asText()).isEqualTo("result");
  }

  @Test
  void upstreamErrorsKeepTheProvidersShapeAndStatus() throws Exception {
    HttpResponse<String> r = send("chat", body("chat", false, "MOCK-STATUS: 429"),
        "X-Memory-Mode", "off");
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(Api.JSON.readTree(r.body()).at("/error/type").asText())
        .isEqualTo("rate_limit_error");
  }

  @Test
  void proxyRequestsNeedAKeyAndAnswerInTheProvidersShape() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
        + "/proxy/anthropic/v1/messages")).header("Content-Type", "application/json")
        .header("x-api-key", "wrong").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
    JsonNode err = Api.JSON.readTree(r.body());
    assertThat(err.path("type").asText()).isEqualTo("error");
    assertThat(err.at("/error/type").asText()).isEqualTo("authentication_error");
    assertThat(upstream.requests).isEmpty();
  }

  @Test
  void onlySafeResponseHeadersPassAndProbesAnswer() throws Exception {
    HttpResponse<String> r = send("chat", body("chat", false, "hi"), "X-Memory-Mode", "off");
    assertThat(r.headers().firstValue("x-request-id")).contains("req-fake");
    assertThat(r.headers().firstValue("set-cookie")).isEmpty();
    HttpResponse<Void> head = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
        + "/proxy/anthropic/v1")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(head.statusCode()).isEqualTo(200);
    HttpResponse<String> models = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
        + "/proxy/v1/models")).header("Authorization", "Bearer " + PROXY_KEY).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(Api.JSON.readTree(models.body()).path("models").size()).isEqualTo(1);
  }

  @Test
  void codexStyleZstdBodiesAreAccepted() throws Exception {
    String body = body("responses", true, "What drink should you offer me?");
    byte[] zstd = com.github.luben.zstd.Zstd.compress(body.getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
        + "/proxy/v1/responses")).header("Content-Type", "application/json")
        .header("Content-Encoding", "zstd").header("Authorization", "Bearer " + PROXY_KEY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(zstd)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("T42");
  }

  static List<String> apis() {
    return List.of("chat", "responses", "anthropic");
  }
}
