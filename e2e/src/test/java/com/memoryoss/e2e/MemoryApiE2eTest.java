package com.memoryoss.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real launcher on a random port: the memory API over HTTP, end to end. */
class MemoryApiE2eTest {
  static ServerProcess server;
  static Api anon;
  static Api admin;
  static Api writer;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start("""
        [auth]
        jwt_secret = "e2e-secret-e2e-secret-e2e-secret-42"

        [[auth.api_keys]]
        key = "ek_e2e_admin_key_0000000000000000"
        role = "admin"
        namespace = "proj"

        [[auth.api_keys]]
        key = "ek_e2e_writer_key_000000000000000"
        role = "writer"
        namespace = "proj"
        """);
    anon = new Api(server.baseUrl(), null);
    admin = anon.as(token("ek_e2e_admin_key_0000000000000000"));
    writer = anon.as(token("ek_e2e_writer_key_000000000000000"));
  }

  static String token(String key) throws Exception {
    Api.Res r = anon.post("/v1/auth/token", Map.of("api_key", key));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("expires_in").asLong()).isEqualTo(3600);
    return r.body().path("token").asText();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void storeRecallUpdateForget() throws Exception {
    Api.Res stored = writer.post("/v1/store", Map.of(
        "content", "The staging database listens on port 5433",
        "tags", List.of("infra", "db"), "agent", "claude", "session", "s-1"));
    assertThat(stored.status()).isEqualTo(200);
    String id = stored.body().path("id").asText();
    assertThat(stored.body().path("version").asLong()).isEqualTo(1);

    Api.Res recalled = writer.post("/v1/recall",
        Map.of("query", "which port does the staging database use"));
    assertThat(recalled.status()).isEqualTo(200);
    JsonNode first = recalled.body().path("memories").get(0);
    assertThat(first.path("memory").path("id").asText()).isEqualTo(id);
    assertThat(first.path("memory").path("memory_type").asText()).isEqualTo("semantic");
    assertThat(first.path("memory").has("embedding")).isFalse();
    assertThat(first.path("score").asDouble()).isPositive();

    Api.Res updated = writer.call("PATCH", "/v1/update", Map.of("id", id,
        "content", "The staging database listens on port 6543"));
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.body().path("version").asLong()).isEqualTo(2);
    assertThat(updated.body().path("eligible_for_injection").asBoolean()).isTrue();
    assertThat(writer.get("/v1/inspect/" + id).body().path("content").asText()).contains("6543");

    Api.Res forgot = admin.call("DELETE", "/v1/forget", Map.of("ids", List.of(id)));
    assertThat(forgot.status()).isEqualTo(200);
    assertThat(forgot.body().path("deleted").asInt()).isEqualTo(1);
    assertThat(writer.get("/v1/inspect/" + id).status()).isEqualTo(404);
    assertThat(writer.post("/v1/recall", Map.of("query", "staging database port"))
        .body().path("memories")).isEmpty();
  }

  @Test
  void forgetWithNoIdsAndNoFilterIsRefusedAndDeletesNothing() throws Exception {
    writer.post("/v1/store", Map.of("content", "never wipe me"));
    Api.Res r = admin.call("DELETE", "/v1/forget", Map.of());
    assertThat(r.status()).isEqualTo(400);
    assertThat(admin.call("DELETE", "/v1/forget", Map.of("ids", List.of())).status())
        .isEqualTo(400);
    assertThat(writer.post("/v1/recall", Map.of("query", "wipe")).body().path("memories"))
        .isNotEmpty();
  }

  @Test
  void batchStoreIsAllOrNothingAndListingPages() throws Exception {
    Api.Res bad = writer.post("/v1/store/batch", Map.of("memories", List.of(
        Map.of("content", "batch alpha"), Map.of("content", ""))));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.error()).isEqualTo("memories[1]: content is empty");

    Api.Res ok = writer.post("/v1/store/batch", Map.of("memories", List.of(
        Map.of("content", "batch alpha", "session", "pager"),
        Map.of("content", "batch beta", "session", "pager"),
        Map.of("content", "batch gamma", "session", "pager"))));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body().path("stored")).hasSize(3);

    Api.Res page1 = writer.get("/v1/memories?session=pager&limit=2");
    assertThat(page1.body().path("count").asInt()).isEqualTo(2);
    assertThat(page1.body().path("total").asInt()).isEqualTo(3);
    assertThat(page1.body().path("memories").get(0).path("content").asText())
        .isEqualTo("batch gamma");
    String cursor = page1.body().path("next_cursor").asText();
    Api.Res page2 = writer.get("/v1/memories?session=pager&limit=2&cursor=" + cursor);
    assertThat(page2.body().path("memories")).hasSize(1);
    assertThat(page2.body().path("memories").get(0).path("content").asText())
        .isEqualTo("batch alpha");
    assertThat(page2.body().has("next_cursor")).isFalse();

    Api.Res batch = writer.post("/v1/recall/batch", Map.of("queries", List.of(
        Map.of("query", "alpha"), Map.of("query", "gamma"))));
    assertThat(batch.body().path("results")).hasSize(2);
    assertThat(batch.body().path("results").get(1).path("memories").get(0).path("memory")
        .path("content").asText()).isEqualTo("batch gamma");
  }

  @Test
  void peekInspectAndExport() throws Exception {
    String id = writer.post("/v1/store", Map.of("content", "peekable fact", "tags",
        List.of("p"))).body().path("id").asText();
    Api.Res peek = writer.get("/v1/peek/" + id);
    assertThat(peek.body().path("content_bytes").asInt()).isEqualTo(13);
    assertThat(peek.body().has("content")).isFalse();
    Api.Res inspect = writer.get("/v1/inspect/" + id);
    assertThat(inspect.body().path("trust_score").asDouble()).isBetween(0.0, 1.0);
    assertThat(inspect.body().path("trust_signals").has("recency")).isTrue();
    assertThat(inspect.body().path("eligible_for_injection").asBoolean()).isTrue();
    Api.Res export = admin.get("/v1/export");
    assertThat(export.status()).isEqualTo(200);
    assertThat(export.body().path("runtime_contract").path("contract_id").asText())
        .isEqualTo("memoryoss.runtime.v1alpha1");
    assertThat(export.body().path("count").asInt())
        .isEqualTo(export.body().path("memories").size());
  }

  @Test
  void everyErrorIsJsonWithTheRightStatus() throws Exception {
    Api.Res r = writer.call("GET", "/v1/store", null);
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.error()).isNotEmpty();
    r = writer.get("/v1/nope");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.error()).isEqualTo("not found");
    r = writer.post("/v1/store", "{\"content\": ");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).startsWith("malformed JSON");
    r = writer.post("/v1/store", Map.of("content", "x", "limit", 3));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).isEqualTo("unknown field 'limit'");
    r = writer.post("/v1/store", Map.of("content", "a".repeat(40_000)));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).isEqualTo("content exceeds maximum size (40000 > 32768 bytes)");
    r = writer.post("/v1/store", Map.of("content", "big", "tags",
        List.of("x".repeat(2_200_000))));
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.error()).isEqualTo("request body too large");
    r = writer.get("/v1/inspect/not-a-uuid");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).isEqualTo("invalid UUID");
    assertThat(r.raw().headers().firstValue("content-type")).contains("application/json");
  }

  @Test
  void healthNeedsNoAuthAndRevealsCountsOnlyToAuthenticatedCallers() throws Exception {
    Api.Res open = anon.get("/health");
    assertThat(open.status()).isEqualTo(200);
    assertThat(open.body().path("status").asText()).isEqualTo("ok");
    assertThat(open.body().has("total_memories")).isFalse();
    assertThat(writer.get("/health").body().has("total_memories")).isTrue();
  }

  @Test
  void unauthenticatedCallsAre401() throws Exception {
    assertThat(anon.post("/v1/recall", Map.of("query", "x")).status()).isEqualTo(401);
    assertThat(anon.as("not-a-key").post("/v1/recall", Map.of("query", "x")).status())
        .isEqualTo(401);
    assertThat(anon.post("/v1/auth/token", Map.of("api_key", "wrong")).status()).isEqualTo(401);
  }
}
