package com.memoryoss.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The remoting port of a single `serve` node, knocked on from outside: a plain Pekko peer and a
 * peer with another cluster's certificate get nothing delivered; the node's own certificate does
 * (the control that shows the knock would be seen).
 */
class RemotingE2eTest {
  private static final String ADMIN = "ek_remoting_admin_000000000000000000";
  private static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start("""
        [[auth.api_keys]]
        key = "%s"
        role = "admin"
        namespace = "remoting"
        """.formatted(ADMIN));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void aPlainPekkoPeerIsNotAnswered() throws Exception {
    try (RemotingClient intruder = RemotingClient.plain()) {
      assertThat(intruder.identify(server.remotingAddress(), Duration.ofSeconds(5))).isEmpty();
    }
  }

  @Test
  void aPeerWithAnotherClustersCertificateIsNotAnswered() throws Exception {
    Path out = Files.createTempDirectory("memoryoss-foreign-ca-");
    Cli.Result made = Cli.run(Map.of(), null, "cluster", "certs", "--out",
        out.resolve("certs").toString(), "--nodes", "1");
    assertThat(made.exit()).as(made.err()).isZero();
    try (RemotingClient foreign =
        RemotingClient.withCertificates(out.resolve("certs/node-1"))) {
      assertThat(foreign.identify(server.remotingAddress(), Duration.ofSeconds(5))).isEmpty();
    }
  }

  @Test
  void thePeerHoldingTheNodesOwnCertificateIsAnswered() throws Exception {
    try (RemotingClient self =
        RemotingClient.withCertificates(server.dataDir.resolve("cluster-tls"))) {
      assertThat(self.identify(server.remotingAddress(), Duration.ofSeconds(15))).isPresent();
    }
  }

  @Test
  void aSingleNodeKeepsNoCaKeyAndItsCertificateFilesArePrivate() throws Exception {
    Path dir = server.dataDir.resolve("cluster-tls");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("keystore.p12", "truststore.p12", "password", "ca.crt");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve("password")))).isEqualTo("rw-------");
  }

  @Test
  void theClusterViewListsOneUpMemberWithBothRoles() throws Exception {
    Api api = new Api(server.baseUrl(), ADMIN);
    Api.Res view = api.get("/v1/admin/cluster");
    assertThat(view.status()).isEqualTo(200);
    JsonNode members = view.body().path("members");
    assertThat(members).hasSize(1);
    assertThat(members.get(0).path("status").asText()).isEqualTo("up");
    assertThat(members.get(0).path("reachable").asBoolean()).isTrue();
    assertThat(members.get(0).path("roles").toString()).contains("gateway", "shard");
    assertThat(view.body().path("self").asText()).isEqualTo(server.remotingAddress());
    assertThat(view.body().path("regions")).hasSize(1);
    assertThat(new Api(server.baseUrl(), null).get("/v1/admin/cluster").status())
        .isEqualTo(401);
  }
}
