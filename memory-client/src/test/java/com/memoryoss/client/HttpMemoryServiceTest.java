package com.memoryoss.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.memoryoss.protocol.MemoryException;
import com.memoryoss.protocol.Rejection;
import com.memoryoss.protocol.api.Caller;
import com.memoryoss.protocol.api.StoreRequest;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP memory service against a real HTTP/1.1 server on loopback. */
class HttpMemoryServiceTest {
  private HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String answer = "{}";

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
          + exchange.getRequestHeaders().getFirst("Authorization") + " "
          + exchange.getRequestHeaders().getFirst("X-Memoryoss-Namespace"));
      byte[] out = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, out.length);
      exchange.getResponseBody().write(out);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static StoreRequest store(String content) {
    return new StoreRequest(content, null, null, null, null, null, null, null);
  }

  @Test
  void storeWithAKeySendsTheKeyAndNoCallerHeaders() {
    answer = "{\"id\":\"0196a1e2-7c3b-7d2e-9f00-5a1b2c3d4e5f\",\"version\":1}";
    var svc = new HttpMemoryService(MemoryEndpoint.withKey(base(), "ek_k", null,
        Duration.ofSeconds(5), null));
    var r = HttpMemoryService.await(svc.store(new Caller(null, "mcp"), store("x")));
    assertThat(r.version()).isEqualTo(1);
    assertThat(seen).containsExactly("POST /v1/store Bearer ek_k null");
  }

  @Test
  void theInternalTokenActsForTheCallersNamespace() {
    answer = "{\"id\":\"0196a1e2-7c3b-7d2e-9f00-5a1b2c3d4e5f\",\"version\":1}";
    var svc = new HttpMemoryService(MemoryEndpoint.core(base(), "tok", Duration.ofSeconds(5)));
    HttpMemoryService.await(svc.store(new Caller("team-a", "key-1"), store("x")));
    assertThat(seen).containsExactly("POST /v1/store Bearer tok team-a");
  }

  @Test
  void aRefusalKeepsTheServersMessageReasonAndRetryHint() {
    status = 429;
    answer = "{\"error\":\"the index is 2000 memories behind\",\"retry_after_ms\":1500}";
    var svc = new HttpMemoryService(MemoryEndpoint.withKey(base(), "k", null, null, null));
    assertThatThrownBy(() -> HttpMemoryService.await(svc.store(new Caller(null, "t"),
        store("x"))))
        .isInstanceOfSatisfying(MemoryException.class, e -> {
          assertThat(e.reason()).isEqualTo(Rejection.BUSY);
          assertThat(e.getMessage()).isEqualTo("the index is 2000 memories behind");
          assertThat(e.retryAfterMs()).isEqualTo(1500);
        });
  }

  @Test
  void noServerIsUnavailableWithHowToStartOne() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    var svc = new HttpMemoryService(MemoryEndpoint.withKey(
        URI.create("http://127.0.0.1:" + closed), null, null, Duration.ofSeconds(2),
        "memoryoss -c /etc/m.toml serve"));
    assertThatThrownBy(() -> HttpMemoryService.await(svc.store(new Caller(null, "t"),
        store("x"))))
        .isInstanceOfSatisfying(MemoryException.class, e -> {
          assertThat(e.reason()).isEqualTo(Rejection.UNAVAILABLE);
          assertThat(e.getMessage()).contains("no memoryOSS server is running at")
              .contains("memoryoss -c /etc/m.toml serve");
        });
    assertThat(svc.healthy().toCompletableFuture().join()).isFalse();
  }

  @Test
  void inspectReadsTheFlattenedMemory() {
    answer = """
        {"id":"0196a1e2-7c3b-7d2e-9f00-5a1b2c3d4e5f","content":"we deploy on fridays",
         "tags":["ops"],"namespace":"default","memory_type":"semantic","status":"active",
         "version":2,"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-02T00:00:00Z",
         "archived":false,"evidence_count":1,"injection_count":0,"reuse_count":0,
         "confirm_count":0,"reject_count":0,"supersede_count":0,"contradiction_count":0,
         "has_embedding":true,"trust_score":0.6,"trust_confidence_low":0.2,
         "trust_confidence_high":0.9,"low_trust":false,"age_hours":3.5,
         "eligible_for_injection":true,"suggested_review_action":"confirm"}""";
    var svc = new HttpMemoryService(MemoryEndpoint.withKey(base(), "k", null, null, null));
    var r = HttpMemoryService.await(svc.inspect(new Caller(null, "t"),
        java.util.UUID.fromString("0196a1e2-7c3b-7d2e-9f00-5a1b2c3d4e5f")));
    assertThat(r.memory().content()).isEqualTo("we deploy on fridays");
    assertThat(r.memory().version()).isEqualTo(2);
    assertThat(r.trustScore()).isEqualTo(0.6);
    assertThat(r.hasEmbedding()).isTrue();
  }

  @Test
  void healthyIsTrueForAMemoryossHealthAnswer() {
    answer = "{\"status\":\"ok\"}";
    var svc = new HttpMemoryService(MemoryEndpoint.withKey(base(), null, null, null, null));
    assertThat(svc.healthy().toCompletableFuture().join()).isTrue();
  }
}
