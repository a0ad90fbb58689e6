package com.memoryoss.cli.node;

import com.memoryoss.cli.cluster.ClusterPki;
import com.memoryoss.cli.cluster.ClusterTls;
import com.memoryoss.cli.config.ConfigFile;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.List;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;

/** How a node takes part in the Pekko cluster: remoting address, TLS, roles and joining. */
final class ClusterSetup {
  private ClusterSetup() {}

  /**
   * Remoting settings: the canonical address, this node's roles and TLS with mutual
   * authentication (the operator's certificates, or the node's own for a cluster of one).
   */
  static Config pekkoConfig(ConfigFile.Cluster c, Path dataDir) {
    ClusterPki.NodeFiles files = c.certsDir() != null
        ? ClusterPki.nodeFiles(Path.of(c.certsDir()))
        : ClusterTls.ensureOwn(dataDir);
    return ConfigFactory.empty()
        .withValue("pekko.remote.artery.canonical.hostname",
            ConfigValueFactory.fromAnyRef(c.host()))
        .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(c.port()))
        .withValue("pekko.cluster.roles", ConfigValueFactory.fromIterable(c.roles()))
        .withFallback(ClusterTls.pekkoConfig(files));
  }

  /** True when this node answers HTTP: nodes with only the shard role host namespaces alone. */
  static boolean servesHttp(ConfigFile.Cluster c) {
    return c.roles().contains(ConfigFile.Cluster.GATEWAY);
  }

  /** Joins the seed nodes, or forms a cluster of one when none are configured. */
  static void join(ActorSystem<?> system, ConfigFile.Cluster c) {
    Cluster cluster = Cluster.get(system);
    if (!c.multiNode()) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    } else {
      List<Address> seeds = c.seedNodes().stream().map(AddressFromURIString::parse).toList();
      cluster.manager().tell(new JoinSeedNodes(seeds));
    }
  }
}
