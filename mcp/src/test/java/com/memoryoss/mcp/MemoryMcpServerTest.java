package com.memoryoss.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.memoryoss.client.WireJson;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The stdio server end to end in one JVM: JSON-RPC lines in, JSON-RPC lines out. */
class MemoryMcpServerTest {

  @Test
  void answersInitializeToolsListAndACallThenExitsWhenInputEnds() throws Exception {
    try (FakeMemoryApi api = new FakeMemoryApi()) {
      api.answer("POST /v1/store", 200,
          "{\"id\":\"0196a1e2-7c3b-7d2e-9f00-5a1b2c3d4e5f\",\"version\":1}");
      PipedOutputStream toServer = new PipedOutputStream();
      PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
      PipedInputStream fromServer = new PipedInputStream(1 << 16);
      OutputStream serverOut = new PipedOutputStream(fromServer);
      CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
        try {
          MemoryMcpServer.serve(api.client(null), "9.9.9", serverIn, serverOut);
          serverOut.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      BufferedReader out = new BufferedReader(
          new InputStreamReader(fromServer, StandardCharsets.UTF_8));

      send(toServer, """
          {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
          "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""");
      JsonNode init = WireJson.MAPPER.readTree(out.readLine());
      assertThat(init.at("/result/serverInfo/name").asText()).isEqualTo("memoryoss");
      assertThat(init.at("/result/serverInfo/version").asText()).isEqualTo("9.9.9");
      assertThat(init.at("/result/instructions").asText()).contains("memoryoss_recall");
      assertThat(init.at("/result/capabilities/tools").isObject()).isTrue();

      send(toServer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
      JsonNode list = WireJson.MAPPER.readTree(out.readLine());
      List<String> names = new ArrayList<>();
      list.at("/result/tools").forEach(t -> names.add(t.get("name").asText()));
      assertThat(names).containsExactly("memoryoss_recall", "memoryoss_store",
          "memoryoss_update", "memoryoss_forget");
      assertThat(list.at("/result/tools/3/annotations/destructiveHint").asBoolean()).isTrue();

      // Arguments that do not fit the advertised schema are a tool error, not a call.
      send(toServer, """
          {"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"memoryoss_recall",\
          "arguments":{"query":"x","tags":"not-a-list"}}}""");
      JsonNode bad = WireJson.MAPPER.readTree(out.readLine());
      assertThat(bad.at("/result/isError").asBoolean()).isTrue();
      assertThat(bad.at("/result/content/0/text").asText()).contains("/tags");

      // The last request is sent together with the end of input: it must still be answered.
      send(toServer, """
          {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"memoryoss_store",\
          "arguments":{"content":"the build uses Maven"}}}""");
      toServer.close();
      JsonNode call = WireJson.MAPPER.readTree(out.readLine());
      assertThat(call.at("/result/isError").asBoolean()).isFalse();
      assertThat(call.at("/result/content/0/text").asText()).contains("\"stored\":true");

      served.get(10, TimeUnit.SECONDS);
      assertThat(api.requests).filteredOn(r -> r.method().equals("POST")).hasSize(1);
    }
  }

  @Test
  void answersALineThatIsNotJsonWithAParseErrorAndKeepsServing() throws Exception {
    try (FakeMemoryApi api = new FakeMemoryApi()) {
      PipedOutputStream toServer = new PipedOutputStream();
      PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
      PipedInputStream fromServer = new PipedInputStream(1 << 16);
      OutputStream serverOut = new PipedOutputStream(fromServer);
      CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
        try {
          MemoryMcpServer.serve(api.client(null), "1", serverIn, serverOut);
          serverOut.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      BufferedReader out = new BufferedReader(
          new InputStreamReader(fromServer, StandardCharsets.UTF_8));
      send(toServer, "");
      send(toServer, "hello");
      JsonNode parseError = WireJson.MAPPER.readTree(out.readLine());
      assertThat(parseError.at("/error/code").asInt()).isEqualTo(-32700);
      assertThat(parseError.get("id").isNull()).isTrue();

      send(toServer, """
          {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
          "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""");
      assertThat(WireJson.MAPPER.readTree(out.readLine()).at("/result/serverInfo/name").asText())
          .isEqualTo("memoryoss");
      toServer.close();
      served.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void doesNotWaitAtExitForARequestTheSdkIgnoresBeforeInitialisation() throws Exception {
    try (FakeMemoryApi api = new FakeMemoryApi()) {
      PipedOutputStream toServer = new PipedOutputStream();
      PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
      CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
        try {
          MemoryMcpServer.serve(api.client(null), "1", serverIn, OutputStream.nullOutputStream());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}");
      toServer.close();
      // Well under the 35 s the server would wait for an answer it is owed.
      served.get(10, TimeUnit.SECONDS);
    }
  }

  private static void send(OutputStream out, String line) throws Exception {
    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
