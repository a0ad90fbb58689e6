package com.memoryoss.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A credential of namespace A can reach nothing of namespace B through any route or parameter;
 * roles are enforced; expired and forged tokens are refused.
 */
class IsolationE2eTest {
  static ServerProcess server;
  static Api anon;
  static Api adminA;
  static Api writerA;
  static Api readerA;
  static Api adminB;
  static String idB;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start("""
        [auth]
        jwt_secret = "isolation-secret-isolation-secret-1"
        jwt_expiry_secs = 1

        [[auth.api_keys]]
        key = "ek_admin_a_000000000000000000000"
        role = "admin"
        namespace = "team-a"

        [[auth.api_keys]]
        key = "ek_writer_a_00000000000000000000"
        role = "writer"
        namespace = "team-a"

        [[auth.api_keys]]
        key = "ek_reader_a_00000000000000000000"
        role = "reader"
        namespace = "team-a"

        [[auth.api_keys]]
        key = "ek_admin_b_000000000000000000000"
        role = "admin"
        namespace = "team-b"
        """);
    anon = new Api(server.baseUrl(), null);
    adminA = anon.as("ek_admin_a_000000000000000000000");
    writerA = anon.as("ek_writer_a_00000000000000000000");
    readerA = anon.as("ek_reader_a_00000000000000000000");
    adminB = anon.as("ek_admin_b_000000000000000000000");
    idB = adminB.post("/v1/store", Map.of("content", "team B's private roadmap is ROADMAP-B",
        "tags", List.of("secret"), "agent", "bob")).body().path("id").asText();
    writerA.post("/v1/store", Map.of("content", "team A note"));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void aCannotReadBsMemoriesThroughAnyRoute() throws Exception {
    assertThat(adminA.get("/v1/inspect/" + idB).status()).isEqualTo(404);
    assertThat(adminA.get("/v1/peek/" + idB).status()).isEqualTo(404);
    assertThat(adminA.post("/v1/recall", Map.of("query", "roadmap")).body().toString())
        .doesNotContain("ROADMAP-B").doesNotContain(idB);
    assertThat(adminA.get("/v1/memories").body().toString()).doesNotContain("ROADMAP-B");
    assertThat(adminA.get("/v1/export").body().toString()).doesNotContain("ROADMAP-B");
    assertThat(adminA.get("/v1/memories?agent=bob").body().path("memories")).isEmpty();
  }

  @Test
  void namingBsNamespaceInBodyOrQueryIsForbidden() throws Exception {
    String scope = "cannot access namespace outside your scope";
    assertThat(adminA.post("/v1/recall", Map.of("query", "roadmap", "namespace", "team-b"))
        .error()).isEqualTo(scope);
    assertThat(adminA.get("/v1/memories?namespace=team-b").status()).isEqualTo(403);
    assertThat(adminA.get("/v1/export?namespace=team-b").status()).isEqualTo(403);
    assertThat(adminA.post("/v1/store", Map.of("content", "x", "namespace", "team-b")).status())
        .isEqualTo(403);
    assertThat(adminA.post("/v1/store/batch", Map.of("memories", List.of(
        Map.of("content", "y"), Map.of("content", "z", "namespace", "team-b")))).status())
        .isEqualTo(403);
    assertThat(adminA.post("/v1/recall/batch", Map.of("queries", List.of(
        Map.of("query", "q", "namespace", "team-b")))).status()).isEqualTo(403);
    assertThat(adminA.call("PATCH", "/v1/update", Map.of("id", idB, "content", "pwned",
        "namespace", "team-b")).status()).isEqualTo(403);
    assertThat(adminA.call("DELETE", "/v1/forget", Map.of("ids", List.of(idB),
        "namespace", "team-b")).status()).isEqualTo(403);
  }

  @Test
  void aCannotUpdateOrForgetBsMemoriesById() throws Exception {
    assertThat(adminA.call("PATCH", "/v1/update", Map.of("id", idB, "content", "pwned"))
        .status()).isEqualTo(404);
    assertThat(adminA.call("DELETE", "/v1/forget", Map.of("ids", List.of(idB))).body()
        .path("deleted").asInt()).isZero();
    assertThat(adminA.call("DELETE", "/v1/forget", Map.of("agent", "bob")).body()
        .path("deleted").asInt()).isZero();
    Api.Res still = adminB.get("/v1/inspect/" + idB);
    assertThat(still.status()).isEqualTo(200);
    assertThat(still.body().path("content").asText()).contains("ROADMAP-B");
  }

  @Test
  void rolesAreEnforced() throws Exception {
    Api.Res r = readerA.post("/v1/store", Map.of("content", "reader write"));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.error()).isEqualTo("this action requires the writer role");
    assertThat(readerA.post("/v1/recall", Map.of("query", "note")).status()).isEqualTo(200);
    assertThat(writerA.call("DELETE", "/v1/forget", Map.of("agent", "x")).status())
        .isEqualTo(403);
    // Any role of a namespace may export it (the original's rule), and only that namespace.
    Api.Res export = readerA.get("/v1/export");
    assertThat(export.status()).isEqualTo(200);
    assertThat(export.body().toString()).doesNotContain("ROADMAP-B");
    assertThat(readerA.get("/v1/export?namespace=team-b").status()).isEqualTo(403);
    assertThat(readerA.call("PATCH", "/v1/update", Map.of("id", idB, "content", "c")).status())
        .isEqualTo(403);
  }

  @Test
  void internalRoutesDoNotExistOutsideAHybridCore() throws Exception {
    assertThat(adminA.post("/v1/internal/learn", Map.of("facts", java.util.List.of(),
        "source", "x", "evidence_id", "e")).status()).isEqualTo(404);
    assertThat(adminA.post("/v1/internal/injected", Map.of("ids", java.util.List.of()))
        .status()).isEqualTo(404);
  }

  @Test
  void expiredAndForgedTokensAre401() throws Exception {
    String token = anon.post("/v1/auth/token", Map.of("api_key",
        "ek_admin_a_000000000000000000000")).body().path("token").asText();
    assertThat(anon.as(token).post("/v1/recall", Map.of("query", "q")).status()).isEqualTo(200);
    Thread.sleep(2100);
    assertThat(anon.as(token).post("/v1/recall", Map.of("query", "q")).status()).isEqualTo(401);

    String[] parts = token.split("\\.");
    String forgedBody = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        ("{\"sub\":\"x\",\"role\":\"admin\",\"namespace\":\"team-b\",\"iss\":\"memoryoss\","
            + "\"aud\":\"memoryoss\",\"exp\":" + (System.currentTimeMillis() / 1000 + 600) + "}")
            .getBytes());
    String forged = parts[0] + "." + forgedBody + "." + parts[2];
    assertThat(anon.as(forged).get("/v1/memories").status()).isEqualTo(401);
  }
}
