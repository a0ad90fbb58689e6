package com.memoryoss.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hybrid mode: the gateway process supervises the memory core as a child process. Killing the
 * core never breaks proxying (fail open, marked by a header), the memory API answers 503 JSON,
 * and memory comes back by itself with the restarted core.
 */
class HybridE2eTest {
  static FakeUpstream upstream;
  static ServerProcess server;
  static final String KEY = "ek_hybrid_e2e_key_00000000000000000";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static String atlasId;

  @BeforeAll
  static void start() throws Exception {
    upstream = new FakeUpstream();
    int corePort;
    try (ServerSocket s = new ServerSocket(0)) {
      corePort = s.getLocalPort();
    }
    server = ServerProcess.start("""
        [[auth.api_keys]]
        key = "%s"
        role = "admin"
        namespace = "hy"

        [proxy]
        enabled = true
        upstream_url = "%s/v1"
        extraction_enabled = false

        [[proxy.key_mapping]]
        proxy_key = "%s"
        namespace = "hy"
        """.formatted(KEY, upstream.base(), KEY), "hybrid_mode = true\ncore_port = " + corePort);
    Awaitility.await().atMost(Duration.ofSeconds(90)).until(() ->
        new Api(server.baseUrl(), KEY).get("/health").body().path("core_status").asText()
            .equals("ok"));
    Api.Res stored = new Api(server.baseUrl(), KEY).post("/v1/store", Map.of("content",
        "MEMORY-TOKEN: H1 The build server is called atlas."));
    assertThat(stored.status()).isEqualTo(200);
    atlasId = stored.body().path("id").asText();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    upstream.close();
  }

  static HttpResponse<String> ask() throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
            + "/proxy/v1/chat/completions")).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + KEY).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\",\"messages\":[{\"role\""
            + ":\"user\",\"content\":\"What is the build server called?\"}]}")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theGatewayRecordsItsInjectionsInTheCoreProcess() throws Exception {
    Api api = new Api(server.baseUrl(), KEY);
    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
        .until(() -> ask().body().contains("MEMORY-TOKENS-SEEN: H1"));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
        api.get("/v1/inspect/" + atlasId).body().path("injection_count").asInt() >= 1);
  }

  @Test
  void killingTheCoreNeverBreaksTheProxyAndMemoryResumes() throws Exception {
    assertThat(ask().body()).contains("MEMORY-TOKENS-SEEN: H1");

    ProcessHandle core = server.children().stream().findFirst().orElseThrow();
    core.destroyForcibly();
    core.onExit().get();

    for (int i = 0; i < 5; i++) {
      HttpResponse<String> r = ask();
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("Hello from fake upstream");
      if (r.headers().firstValue("x-memory-core").isPresent()) {
        assertThat(r.headers().firstValue("x-memory-gate-decision")).contains("unavailable");
      }
    }
    Api.Res down = new Api(server.baseUrl(), KEY).post("/v1/recall", Map.of("query", "atlas"));
    if (down.status() != 200) { // the core may already be back
      assertThat(down.status()).isEqualTo(503);
      assertThat(down.error()).contains("core unavailable");
    }

    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
        .until(() -> ask().body().contains("MEMORY-TOKENS-SEEN: H1"));
    assertThat(new Api(server.baseUrl(), KEY).post("/v1/recall", Map.of("query", "atlas"))
        .status()).isEqualTo(200);
  }
}
