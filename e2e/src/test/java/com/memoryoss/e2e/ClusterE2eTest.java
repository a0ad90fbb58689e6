package com.memoryoss.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three `serve` JVMs on one PostgreSQL schema, with certificates from `memoryoss cluster certs`:
 * they form one cluster, share every namespace, lose no acknowledged store when one of them is
 * killed with SIGKILL under load, and take a restarted node back. Runs on the PostgreSQL stage
 * only ({@code -Dmemoryoss.test.journal=postgres}): clustered mode needs a shared journal.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterE2eTest {
  private static final int NODES = 3;
  private static final int NAMESPACES = 12;
  private static final List<ServerProcess> nodes = new ArrayList<>();
  private static final List<String> keys = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws Exception {
    assumeTrue("postgres".equals(System.getProperty("memoryoss.test.journal")),
        "clustered mode runs on the PostgreSQL stage");
    Path dir = Files.createTempDirectory("memoryoss-cluster-");
    Cli.Result certs = Cli.run(Map.of(), null, "cluster", "certs", "--out",
        dir.resolve("certs").toString(), "--nodes", String.valueOf(NODES));
    assertThat(certs.exit()).as(certs.err()).isZero();
    String pg = sharedSchema();
    int[] remoting = new int[NODES];
    for (int i = 0; i < NODES; i++) {
      remoting[i] = ServerProcess.freePort();
    }
    StringBuilder apiKeys = new StringBuilder();
    for (int n = 0; n < NAMESPACES; n++) {
      String key = "ek_cluster_" + n + "_" + UUID.randomUUID().toString().replace("-", "");
      keys.add(key);
      apiKeys.append("[[auth.api_keys]]\nkey = \"").append(key)
          .append("\"\nrole = \"admin\"\nnamespace = \"team-").append(n).append("\"\n\n");
    }
    String jwt = hex(32);
    String master = hex(32);
    for (int i = 0; i < NODES; i++) {
      Path home = Files.createDirectories(dir.resolve("node-" + (i + 1) + "-home"));
      int http = ServerProcess.freePort();
      String toml = """
          [server]
          host = "127.0.0.1"
          port = %d

          [tls]
          enabled = false

          [auth]
          jwt_secret = "%s"

          %s
          [encryption]
          master_key = "%s"

          [storage]
          data_dir = "%s"
          %s
          [embeddings]
          model = "none"

          [limits]
          rate_limit_per_sec = 100000

          [cluster]
          seed_nodes = ["pekko://memoryoss@127.0.0.1:%d"]
          host = "127.0.0.1"
          port = %d
          certs_dir = "%s"
          """.formatted(http, jwt, apiKeys, master, home.resolve("data"), pg, remoting[0],
          remoting[i], dir.resolve("certs/node-" + (i + 1)));
      Path config = home.resolve("memoryoss.toml");
      Files.writeString(config, toml);
      nodes.add(ServerProcess.forConfig(config, http));
    }
    // The first seed forms the cluster; the others join it.
    nodes.get(0).launch();
    launchAll(nodes.subList(1, NODES));
    awaitMembers(NODES);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    for (ServerProcess n : nodes) {
      n.stop();
    }
  }

  @Test
  @Order(1)
  void everyNodeSeesThreeUpMembersWithBothRoles() throws Exception {
    for (ServerProcess n : nodes) {
      JsonNode view = admin(n, 0).get("/v1/admin/cluster").body();
      assertThat(view.path("members")).hasSize(NODES);
      for (JsonNode m : view.path("members")) {
        assertThat(m.path("status").asText()).isEqualTo("up");
        assertThat(m.path("roles").toString()).contains("gateway", "shard");
      }
    }
  }

  @Test
  @Order(2)
  void aNamespaceStoredThroughOneNodeIsRecalledThroughEveryOther() throws Exception {
    for (int ns = 0; ns < NAMESPACES; ns++) {
      String marker = "marker" + ns + "x" + UUID.randomUUID().toString().substring(0, 8);
      Api.Res stored = admin(nodes.get(ns % NODES), ns).post("/v1/store",
          Map.of("content", "the cluster fact " + marker));
      assertThat(stored.status()).as(stored.body().toString()).isEqualTo(200);
      for (int other = 1; other < NODES; other++) {
        Api reader = admin(nodes.get((ns + other) % NODES), ns);
        Api.Res recalled = reader.post("/v1/recall",
            Map.of("query", marker, "consistency", "strong"));
        assertThat(recalled.status()).isEqualTo(200);
        assertThat(recalled.body().toString()).contains(marker);
      }
    }
    // Namespaces stay confined across nodes: team-0's key never sees team-1's memories.
    Api.Res foreign = admin(nodes.get(2), 0).post("/v1/recall",
        Map.of("query", "marker1x", "limit", 50));
    assertThat(foreign.body().toString()).doesNotContain("marker1x");
  }

  @Test
  @Order(3)
  void killingANodeUnderEightWritersLosesNoAcknowledgedStore() throws Exception {
    ServerProcess victim = nodes.get(2);
    List<ServerProcess> survivors = nodes.subList(0, 2);
    // Wake every namespace so the victim hosts some of them when it dies.
    for (int ns = 0; ns < NAMESPACES; ns++) {
      assertThat(admin(survivors.get(0), ns).get("/v1/memories?limit=1").status())
          .isEqualTo(200);
    }
    JsonNode regions = admin(victim, 0).get("/v1/admin/cluster").body().path("regions");
    assertThat(regions).as("shards per node: %s", regions).hasSize(NODES);

    Map<Integer, Set<String>> acked = new ConcurrentHashMap<>();
    AtomicBoolean run = new AtomicBoolean(true);
    ExecutorService writers = Executors.newFixedThreadPool(8);
    for (int w = 0; w < 8; w++) {
      int writer = w;
      writers.submit(() -> {
        for (int i = 0; run.get(); i++) {
          int ns = (writer + i) % NAMESPACES;
          try {
            Api.Res r = admin(survivors.get(writer % 2), ns).post("/v1/store",
                Map.of("content", "writer " + writer + " fact " + i + " " + UUID.randomUUID()));
            if (r.status() == 200) {
              acked.computeIfAbsent(ns, k -> ConcurrentHashMap.newKeySet())
                  .add(r.body().path("id").asText());
            }
          } catch (Exception timedOut) {
            // not acknowledged: the writer goes on
          }
        }
        return null;
      });
    }
    Awaitility.await().atMost(Duration.ofSeconds(120))
        .until(() -> acked.values().stream().mapToInt(Set::size).sum() > 300);
    long killedAt = System.nanoTime();
    victim.kill9();

    // Recovered when every namespace takes a store again through a surviving node.
    Set<Integer> answering = ConcurrentHashMap.newKeySet();
    Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
        .until(() -> {
          for (int ns = 0; ns < NAMESPACES; ns++) {
            if (!answering.contains(ns) && admin(survivors.get(0), ns).post("/v1/store",
                Map.of("content", "probe after the kill " + ns)).status() == 200) {
              answering.add(ns);
            }
          }
          return answering.size() == NAMESPACES;
        });
    double recoverySecs = (System.nanoTime() - killedAt) / 1e9;
    run.set(false);
    writers.shutdown();
    assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    int total = acked.values().stream().mapToInt(Set::size).sum();
    System.out.printf("cluster kill -9: %d stores acknowledged across %d namespaces; every"
        + " namespace answered again %.1f s after the kill%n", total, acked.size(), recoverySecs);

    int lost = 0;
    for (var e : acked.entrySet()) {
      Map<String, Integer> seen = allIds(admin(survivors.get(1), e.getKey()));
      assertThat(seen.values()).allMatch(n -> n == 1);
      for (String id : e.getValue()) {
        if (!seen.containsKey(id)) {
          lost++;
        }
      }
    }
    assertThat(lost).as("acknowledged stores lost").isZero();
    JsonNode view = admin(survivors.get(0), 0).get("/v1/admin/cluster").body();
    assertThat(view.path("members")).hasSize(NODES - 1);
  }

  @Test
  @Order(4)
  void aRestartedNodeRejoinsAndServesEveryNamespace() throws Exception {
    ServerProcess node = nodes.get(2);
    node.launch();
    awaitMembers(NODES);
    for (int ns = 0; ns < NAMESPACES; ns++) {
      String marker = "rejoined" + ns + "y" + UUID.randomUUID().toString().substring(0, 8);
      assertThat(admin(node, ns).post("/v1/store", Map.of("content", "fact " + marker))
          .status()).isEqualTo(200);
      assertThat(admin(nodes.get(0), ns).post("/v1/recall",
          Map.of("query", marker, "consistency", "strong")).body().toString()).contains(marker);
    }
  }

  private static Api admin(ServerProcess node, int namespace) {
    return new Api(node.baseUrl(), keys.get(namespace));
  }

  private static Map<String, Integer> allIds(Api api) throws Exception {
    Map<String, Integer> seen = new HashMap<>();
    String cursor = null;
    do {
      Api.Res page = api.get("/v1/memories?limit=1000"
          + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).isEqualTo(200);
      for (JsonNode m : page.body().path("memories")) {
        seen.merge(m.path("id").asText(), 1, Integer::sum);
      }
      cursor = page.body().path("next_cursor").isMissingNode()
          || page.body().path("next_cursor").isNull() ? null
          : page.body().path("next_cursor").asText();
    } while (cursor != null);
    return seen;
  }

  private static void awaitMembers(int count) {
    Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
        .until(() -> {
          for (ServerProcess n : nodes) {
            JsonNode members = admin(n, 0).get("/v1/admin/cluster").body().path("members");
            if (members.size() != count) {
              return false;
            }
            for (JsonNode m : members) {
              if (!m.path("status").asText().equals("up") || !m.path("reachable").asBoolean()) {
                return false;
              }
            }
          }
          return true;
        });
  }

  private static void launchAll(List<ServerProcess> toStart) throws Exception {
    ExecutorService starters = Executors.newFixedThreadPool(toStart.size());
    List<java.util.concurrent.Future<?>> started = new ArrayList<>();
    for (ServerProcess n : toStart) {
      started.add(starters.submit(() -> {
        n.launch();
        return null;
      }));
    }
    for (var f : started) {
      f.get(3, TimeUnit.MINUTES);
    }
    starters.shutdown();
  }

  /** One schema for all three nodes: they share the journal. */
  private static String sharedSchema() throws Exception {
    String base = System.getProperty("memoryoss.test.pg.url",
        "jdbc:postgresql://127.0.0.1:5432/postgres");
    String user = System.getProperty("memoryoss.test.pg.user", "postgres");
    String schema = "cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(base, user, "");
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    }
    return "journal = \"postgres\"\npostgres_url = \"" + base
        + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema + "\"\n"
        + "postgres_user = \"" + user + "\"\n";
  }

  private static String hex(int bytes) {
    byte[] raw = new byte[bytes];
    new java.security.SecureRandom().nextBytes(raw);
    return java.util.HexFormat.of().formatHex(raw);
  }
}
