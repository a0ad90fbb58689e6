package com.memoryoss.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.memoryoss.client.HttpMemoryService;
import com.memoryoss.client.MemoryEndpoint;
import com.memoryoss.mcp.internal.MemoryTools;
import com.memoryoss.client.WireJson;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemoryToolsTest {
  private static final String ID = "0196a1e2-7c3b-7d2e-9f00-5a1b2c3d4e5f";
  private static final String ID2 = "0196a1e2-7c3b-7d2e-9f00-5a1b2c3d4e60";

  private FakeMemoryApi api;
  private MemoryTools tools;

  @BeforeEach
  void start() throws Exception {
    api = new FakeMemoryApi();
    tools = new MemoryTools(api.client("ek_test"), MemoryMcpServer.CALLER);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private static String text(CallToolResult r) {
    return ((TextContent) r.content().get(0)).text();
  }

  private static JsonNode json(String s) throws Exception {
    return WireJson.MAPPER.readTree(s);
  }

  @Test
  void forgetWithNeitherIdsNorFilterIsAnErrorAndCallsNothing() {
    for (Map<String, Object> args : List.<Map<String, Object>>of(Map.of(),
        Map.of("ids", List.of()), Map.of("namespace", "default"), Map.of("tags", List.of()),
        Map.of("agent", " "))) {
      CallToolResult r = tools.call("memoryoss_forget", args);
      assertThat(r.isError()).as("%s", args).isTrue();
      assertThat(text(r)).contains("nothing deleted").contains("ids");
    }
    assertThat(api.requests).isEmpty();
  }

  @Test
  void forgetWithBothIdsAndAFilterIsAnError() {
    CallToolResult r = tools.call("memoryoss_forget", Map.of("ids", List.of(ID), "agent", "a"));
    assertThat(r.isError()).isTrue();
    assertThat(text(r)).contains("not both");
    assertThat(api.requests).isEmpty();
  }

  @Test
  void forgetByIdsSendsTheIdsAndReportsTheCount() throws Exception {
    api.answer("DELETE /v1/forget", 200, "{\"deleted\":2}");
    CallToolResult r = tools.call("memoryoss_forget", Map.of("ids", List.of(ID, ID2)));
    assertThat(r.isError()).isFalse();
    assertThat(text(r)).isEqualTo("{\"deleted\":2}");
    var seen = api.requests.get(0);
    assertThat(seen.method()).isEqualTo("DELETE");
    assertThat(json(seen.body())).isEqualTo(json("{\"ids\":[\"" + ID + "\",\"" + ID2 + "\"]}"));
    assertThat(seen.authorization()).isEqualTo("Bearer ek_test");
  }

  @Test
  void forgetByFilterSendsOnlyTheFilter() throws Exception {
    api.answer("DELETE /v1/forget", 200, "{\"deleted\":5}");
    CallToolResult r = tools.call("memoryoss_forget",
        Map.of("session", "s-1", "tags", List.of("tmp")));
    assertThat(text(r)).isEqualTo("{\"deleted\":5}");
    assertThat(json(api.requests.get(0).body()))
        .isEqualTo(json("{\"session\":\"s-1\",\"tags\":[\"tmp\"]}"));
  }

  @Test
  void forgetRefusesSomethingThatIsNotAnId() {
    CallToolResult r = tools.call("memoryoss_forget", Map.of("ids", List.of("last one")));
    assertThat(r.isError()).isTrue();
    assertThat(text(r)).contains("must be a memory id");
  }

  @Test
  void recallAnswersACompactArrayWithScoresRoundedToThreeDecimals() throws Exception {
    api.answer("POST /v1/recall", 200, """
        {"memories":[{"memory":{"id":"%s","content":"staging DB port is 5433","tags":["infra"],
          "agent":"claude","session":"s-1","namespace":"default","memory_type":"semantic",
          "status":"active","version":1,"created_at":"2026-01-02T03:04:05Z"},
          "score":0.83456,"provenance":["fts"],"trust_score":0.5,"low_trust":false},
         {"memory":{"id":"%s","content":"no agent here","tags":[],"memory_type":"episodic",
          "created_at":"2026-01-02T03:04:06Z"},"score":0.1,"provenance":["vector"]}]}
        """.formatted(ID, ID2));
    CallToolResult r = tools.call("memoryoss_recall",
        Map.of("query", "staging port", "limit", 5, "tags", List.of("infra")));
    assertThat(r.isError()).isFalse();
    assertThat(text(r)).doesNotContain("\n").contains("\"score\":0.835")
        .contains("\"score\":0.100");
    JsonNode out = json(text(r));
    assertThat(out).hasSize(2);
    assertThat(out.get(0).properties()).extracting(Map.Entry::getKey).containsExactly(
        "id", "content", "tags", "agent", "score", "created_at", "memory_type");
    assertThat(out.get(1).has("agent")).isFalse();
    JsonNode sent = json(api.requests.get(0).body());
    assertThat(sent).isEqualTo(json("{\"query\":\"staging port\",\"limit\":5,\"tags\":[\"infra\"]}"));
  }

  @Test
  void recallNeedsAQuery() {
    assertThat(tools.call("memoryoss_recall", Map.of("query", "  ")).isError()).isTrue();
    assertThat(tools.call("memoryoss_recall", Map.of("query", "x", "limit", 0)).isError()).isTrue();
    assertThat(api.requests).isEmpty();
  }

  @Test
  void storeSendsSnakeCaseAndAnswersIdVersionStored() throws Exception {
    api.answer("POST /v1/store", 200, "{\"id\":\"" + ID + "\",\"version\":1}");
    CallToolResult r = tools.call("memoryoss_store", Map.of("content", "use pnpm, not npm",
        "memory_type", "procedural", "tags", List.of("tooling"), "agent", "claude"));
    assertThat(r.isError()).isFalse();
    assertThat(json(text(r))).isEqualTo(
        json("{\"id\":\"" + ID + "\",\"version\":1,\"stored\":true}"));
    assertThat(json(api.requests.get(0).body())).isEqualTo(json("""
        {"content":"use pnpm, not npm","tags":["tooling"],"agent":"claude",
         "memory_type":"procedural"}"""));
  }

  @Test
  void storeRefusesAnUnknownMemoryTypeAndUnknownArguments() {
    CallToolResult bad = tools.call("memoryoss_store", Map.of("content", "x", "memory_type", "f"));
    assertThat(text(bad)).contains("episodic, semantic, procedural, working");
    CallToolResult unknown = tools.call("memoryoss_store", Map.of("content", "x", "text", "y"));
    assertThat(unknown.isError()).isTrue();
    assertThat(text(unknown)).contains("unknown argument 'text'").contains("content");
    assertThat(api.requests).isEmpty();
  }

  @Test
  void updateNeedsSomethingToChangeAndAnswersIdVersionUpdated() throws Exception {
    assertThat(tools.call("memoryoss_update", Map.of("id", ID)).isError()).isTrue();
    api.answer("PATCH /v1/update", 200, """
        {"id":"%s","version":3,"updated_at":"2026-01-02T03:04:05Z","status":"active",
         "eligible_for_injection":true,"contradicts_with":[]}""".formatted(ID));
    CallToolResult r = tools.call("memoryoss_update", Map.of("id", ID, "tags", List.of()));
    assertThat(json(text(r))).isEqualTo(
        json("{\"id\":\"" + ID + "\",\"version\":3,\"updated\":true}"));
    assertThat(json(api.requests.get(0).body())).isEqualTo(
        json("{\"id\":\"" + ID + "\",\"tags\":[]}"));
  }

  @Test
  void aRefusalBecomesAToolErrorWithTheServersMessage() {
    api.answer("POST /v1/store", 400, "{\"error\":\"content exceeds maximum size\"}");
    CallToolResult r = tools.call("memoryoss_store", Map.of("content", "x"));
    assertThat(r.isError()).isTrue();
    assertThat(text(r)).isEqualTo(
        "memoryOSS refused the request (invalid request): content exceeds maximum size");
  }

  @Test
  void noServerIsAToolErrorThatSaysHowToStartOne() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    MemoryTools offline = new MemoryTools(new HttpMemoryService(MemoryEndpoint.withKey(
        URI.create("http://127.0.0.1:" + closed), null, null, null,
        "memoryoss -c /home/u/.memoryoss/memoryoss.toml serve")), MemoryMcpServer.CALLER);
    CallToolResult r = offline.call("memoryoss_recall", Map.of("query", "x"));
    assertThat(r.isError()).isTrue();
    assertThat(text(r)).contains("no memoryOSS server is running at http://127.0.0.1:" + closed)
        .contains("memoryoss -c /home/u/.memoryoss/memoryoss.toml serve")
        .contains("memoryoss dev");
  }

  @Test
  void sendsNoAuthorizationWithoutAKey() {
    MemoryTools dev = new MemoryTools(api.client(null), MemoryMcpServer.CALLER);
    api.answer("POST /v1/recall", 200, "{\"memories\":[]}");
    assertThat(text(dev.call("memoryoss_recall", Map.of("query", "x")))).isEqualTo("[]");
    assertThat(api.requests.get(0).authorization()).isNull();
  }
}
