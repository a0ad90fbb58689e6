package com.memoryoss.cli.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Pekko remoting over TLS with mutual authentication, in every mode.
 *
 * <p>A multi-node cluster uses the node files the operator made with {@code memoryoss cluster
 * certs} ({@code cluster.certs_dir}). A single node without them gets its own: a certificate
 * signed by a throwaway CA whose key is never written anywhere, kept under {@code
 * data_dir/cluster-tls}. Since nobody holds that CA key, no other process can obtain a
 * certificate this node trusts, so its remoting port admits no peer at all; plain TCP is never
 * offered.
 */
public final class ClusterTls {
  /** Where a single node keeps its own remoting certificate. Backups leave it out. */
  public static final String OWN_DIR = "cluster-tls";

  private ClusterTls() {}

  /**
   * The node files of a node that has no {@code certs_dir}: created once under {@code dataDir}
   * (atomically, so concurrent or interrupted starts never see half of them), reused after.
   */
  public static ClusterPki.NodeFiles ensureOwn(Path dataDir) {
    Path dir = dataDir.resolve(OWN_DIR);
    if (ClusterPki.holdsNodeFiles(dir)) {
      return ClusterPki.nodeFiles(dir);
    }
    try {
      Path tmp = Files.createTempDirectory(dataDir, "." + OWN_DIR + "-");
      ClusterPki.Authority throwaway =
          ClusterPki.newAuthority("memoryoss single node", Duration.ofDays(36500));
      ClusterPki.issueNode(throwaway, "localhost", Duration.ofDays(36500), tmp);
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException lostRace) {
        if (!ClusterPki.holdsNodeFiles(dir)) {
          throw lostRace;
        }
        deleteTree(tmp);
      }
      return ClusterPki.nodeFiles(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the remoting certificate in " + dir, e);
    }
  }

  /**
   * Artery settings for TLS over TCP with {@code files}.
   *
   * <p>Mutual authentication is on: a peer must present a certificate signed by the cluster CA,
   * which is the only entry of the trust store. Host name verification is off on purpose: the
   * CA is private to this cluster and signs nothing but its nodes, so holding a CA-signed key
   * is the identity that matters; node addresses change (containers, pods, DHCP) and would
   * otherwise force a certificate reissue for every move.
   */
  public static Config pekkoConfig(ClusterPki.NodeFiles files) {
    String password = files.readPassword();
    Map<String, Object> ssl = Map.of(
        "key-store", files.keystore().toAbsolutePath().toString(),
        "trust-store", files.truststore().toAbsolutePath().toString(),
        "key-store-password", password,
        "key-password", password,
        "trust-store-password", password,
        "protocol", "TLSv1.3",
        "enabled-algorithms", List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256"),
        "require-mutual-authentication", "on",
        "hostname-verification", "off");
    return ConfigFactory.empty()
        .withValue("pekko.remote.artery.transport", ConfigValueFactory.fromAnyRef("tls-tcp"))
        .withValue("pekko.remote.artery.ssl.ssl-engine-provider", ConfigValueFactory.fromAnyRef(
            "org.apache.pekko.remote.artery.tcp.ConfigSSLEngineProvider"))
        .withValue("pekko.remote.artery.ssl.config-ssl-engine",
            ConfigValueFactory.fromMap(ssl));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
