package com.memoryoss.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The operator commands through the real launcher against real servers: a backup of a server
 * under write load restores into a new data directory that a second server serves; the MCP
 * server and inspect reach memories through the API; setup writes a config a server runs on.
 */
class OperatorCommandsE2eTest {
  private static final String KEY = "ek_operator_admin_00000000000000000000";
  private static final String KEYS = """
      [[auth.api_keys]]
      key = "%s"
      role = "admin"
      namespace = "default"

      [limits]
      rate_limit_per_sec = 100000
      """.formatted(KEY);

  @Test
  void aBackupOfALiveServerRestoresIntoAServerThatHasEveryAcknowledgedMemory() throws Exception {
    try (ServerProcess a = ServerProcess.start(KEYS)) {
      if ("postgres".equals(System.getProperty("memoryoss.test.journal"))) {
        // A PostgreSQL journal is backed up with the database's own tools: the command says so.
        Cli.Result refused = Cli.run(Map.of(), null, "-c", a.config.toString(), "backup", "-o",
            a.dir.resolve("pg.tar.zst").toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("pg_dump");
        assertThat(a.dir.resolve("pg.tar.zst")).doesNotExist();
        return;
      }
      Api api = new Api(a.baseUrl(), KEY);
      List<String> before = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        before.add(api.post("/v1/store", Map.of("content", "fact number " + i + " about "
            + UUID.randomUUID())).body().path("id").asText());
      }
      // Keep writing while the backup runs: it must not block or break the server.
      AtomicBoolean writing = new AtomicBoolean(true);
      ExecutorService pool = Executors.newSingleThreadExecutor();
      Future<Integer> during = pool.submit(() -> {
        int n = 0;
        while (writing.get()) {
          if (api.post("/v1/store", Map.of("content", "written during backup " + n)).status()
              == 200) {
            n++;
          }
        }
        return n;
      });
      Path archive = a.dir.resolve("live.tar.zst");
      Cli.Result backup = Cli.run(Map.of(), null, "-c", a.config.toString(), "backup", "-o",
          archive.toString());
      writing.set(false);
      assertThat(backup.exit()).as(backup.err()).isZero();
      assertThat(during.get()).isPositive();
      pool.shutdown();
      assertThat(backup.out()).contains("master key is NOT included");

      Cli.Result refused = Cli.run(Map.of(), null, "-c", a.config.toString(), "restore",
          archive.toString(), "--force");
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err()).contains("answering");

      try (ServerProcess b = ServerProcess.prepare(KEYS)) {
        Cli.Result restore = Cli.run(Map.of(), null, "-c", b.config.toString(), "restore",
            archive.toString(), "--master-key", a.dataDir.resolve("master.key").toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        b.launch();
        Api restored = new Api(b.baseUrl(), KEY);
        for (String id : before) {
          Api.Res r = restored.get("/v1/inspect/" + id);
          assertThat(r.status()).as(id).isEqualTo(200);
          assertThat(r.body().path("content").asText()).startsWith("fact number ");
        }

        Cli.Result inspect = Cli.run(Map.of(), null, "-c", b.config.toString(), "inspect",
            before.get(0));
        assertThat(inspect.exit()).as(inspect.err()).isZero();
        assertThat(Api.JSON.readTree(inspect.out()).path("id").asText()).isEqualTo(before.get(0));
      }
    }
  }

  @Test
  void migrateEmbeddingsSwitchesTheNamespaceAndSurvivesARestart() throws Exception {
    try (ServerProcess s = ServerProcess.start(KEYS)) {
      Api api = new Api(s.baseUrl(), KEY);
      for (int i = 0; i < 40; i++) {
        api.post("/v1/store", Map.of("content", "Service svc" + i + " listens on port "
            + (9000 + i) + " in the staging cluster."));
      }
      Cli.Result bad = Cli.run(Map.of(), null, "-c", s.config.toString(), "migrate-embeddings",
          "--model", "no-such-model");
      assertThat(bad.exit()).isEqualTo(1);
      assertThat(bad.err()).contains("cannot use model no-such-model");

      Cli.Result r = Cli.run(Map.of(), null, "-c", s.config.toString(), "migrate-embeddings",
          "--model", "all-minilm-l6-v2", "--poll-ms", "200");
      assertThat(r.exit()).as(r.err()).isZero();
      JsonNode health = Api.JSON.readTree(r.out());
      assertThat(health.path("model").asText()).isEqualTo("all-minilm-l6-v2");
      assertThat(health.path("embedded_memories").asInt()).isEqualTo(40);
      assertThat(api.post("/v1/recall", Map.of("query", "which port does svc7 listen on?"))
          .body().toString()).contains("port 9007");

      s.restart();
      assertThat(api.get("/v1/admin/index-health").body().path("model").asText())
          .isEqualTo("all-minilm-l6-v2");
    }
  }

  @Test
  void theMcpServerAnswersOnlyJsonRpcOnStdoutAndRecallsThroughTheApi() throws Exception {
    try (ServerProcess s = ServerProcess.start(KEYS)) {
      String stdin = String.join("\n",
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
              + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
              + "\"clientInfo\":{\"name\":\"e2e\",\"version\":\"1\"}}}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
              + "\"memoryoss_store\",\"arguments\":{\"content\":\"the e2e token is Q7Z\"}}}",
          "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":"
              + "\"memoryoss_forget\",\"arguments\":{}}}") + "\n";
      Cli.Result r = Cli.run(Map.of(), stdin, "-c", s.config.toString(), "mcp-server");
      assertThat(r.exit()).as(r.err()).isZero();
      // Every stdout line is a JSON-RPC message; answers may come in any order (the SDK runs
      // requests concurrently), so they are matched by id.
      Map<Integer, JsonNode> byId = new java.util.HashMap<>();
      for (String line : r.out().split("\n")) {
        JsonNode m = Api.JSON.readTree(line);
        byId.put(m.path("id").asInt(), m);
      }
      assertThat(byId).containsOnlyKeys(1, 2, 3);
      assertThat(byId.get(2).at("/result/content/0/text").asText()).contains("\"stored\":true");
      assertThat(byId.get(3).at("/result/isError").asBoolean()).isTrue();
      assertThat(byId.get(3).at("/result/content/0/text").asText()).contains("nothing deleted");
      Api.Res recall = new Api(s.baseUrl(), KEY).post("/v1/recall",
          Map.of("query", "e2e token"));
      assertThat(recall.body().toString()).contains("Q7Z");
    }
  }

  @Test
  void setupWritesAConfigAServerRunsOnAndRegistersAWorkingMcpServer() throws Exception {
    Path home = Files.createTempDirectory("memoryoss-setup-e2e-");
    Files.createDirectories(home.resolve(".claude"));
    int port = ServerProcess.freePort();
    Map<String, String> env = Map.of("HOME", home.toString(), "SHELL", "/bin/bash",
        "CODEX_HOME", home.resolve("codex").toString(), "OPENAI_API_KEY", "",
        "ANTHROPIC_API_KEY", "");
    Cli.Result setup = Cli.run(env, null, "setup", "--non-interactive", "--home",
        home.toString(), "--port", String.valueOf(port));
    assertThat(setup.exit()).as(setup.out() + setup.err()).isZero();
    Path config = home.resolve(".memoryoss/memoryoss.toml");
    JsonNode entry = Api.JSON.readTree(home.resolve(".claude.json").toFile())
        .at("/mcpServers/memoryoss");
    assertThat(entry.path("command").asText())
        .isEqualTo(ServerProcess.ROOT.resolve("bin/memoryoss").toString());
    assertThat(Files.readString(home.resolve("codex/config.toml")))
        .contains("[mcp_servers.memoryoss]");

    Cli.Result again = Cli.run(env, null, "setup", "--non-interactive", "--home",
        home.toString(), "--port", String.valueOf(port));
    assertThat(again.out()).contains("Nothing to change");

    try (ServerProcess s = ServerProcess.forConfig(config, port)) {
      s.launch();
      List<String> args = new ArrayList<>();
      entry.path("args").forEach(a -> args.add(a.asText()));
      String stdin = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
          + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
          + "\"clientInfo\":{\"name\":\"e2e\",\"version\":\"1\"}}}\n"
          + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
          + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
          + "\"memoryoss_store\",\"arguments\":{\"content\":\"set up by the wizard\"}}}\n";
      Cli.Result mcp = Cli.run(Map.of("HOME", home.toString()), stdin,
          args.toArray(String[]::new));
      assertThat(mcp.exit()).as(mcp.err()).isZero();
      assertThat(mcp.out()).contains("\\\"stored\\\":true");
    }
  }
}
