package com.memoryoss.cli;

import com.memoryoss.cli.cluster.ClusterPki;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code memoryoss cluster ...}: operator tools for clustered mode. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Clustered mode tools.",
    subcommands = {ClusterCommand.Certs.class})
final class ClusterCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /**
   * {@code memoryoss cluster certs}: a cluster CA and one certificate per node, for Pekko
   * remoting with mutual TLS.
   */
  @Command(name = "certs", mixinStandardHelpOptions = true,
      description = {"Write a cluster CA and a key and certificate for each node.",
          "OUT/ca/ keeps the CA key: store it offline, it is needed only to add nodes.",
          "OUT/<host>/ is one node's certs_dir: copy it to that node only."})
  static final class Certs implements Callable<Integer> {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:-]{0,252}");

    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
        description = "Directory to write into (created 0700).")
    Path out;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Nodes nodes;

    static final class Nodes {
      @Option(names = "--nodes", paramLabel = "N",
          description = "Number of nodes, named node-1 ... node-N.")
      Integer count;

      @Option(names = "--host", paramLabel = "NAME",
          description = "A node's host name or IP address (repeat for each node).")
      List<String> hosts;
    }

    @Option(names = "--ca", paramLabel = "DIR",
        description = "Issue with an existing CA directory (default: a new CA in OUT/ca).")
    Path ca;

    @Option(names = "--days", defaultValue = "825", paramLabel = "DAYS",
        description = "Validity of the node certificates (default: ${DEFAULT-VALUE}).")
    int days;

    @Override
    public Integer call() throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      List<String> names = hostNames();
      if (names == null) {
        err.println("memoryoss cluster certs: --nodes must be 1..100, and each --host a host"
            + " name or IP address");
        return 2;
      }
      if (days < 1 || days > 3650) {
        err.println("memoryoss cluster certs: --days must be 1..3650");
        return 2;
      }
      for (String n : names) {
        if (Files.exists(out.resolve(n))) {
          err.println("memoryoss cluster certs: " + out.resolve(n) + " exists; not overwriting");
          return 1;
        }
      }
      ClusterPki.createPrivateDir(out);
      ClusterPki.Authority authority;
      if (ca != null) {
        authority = ClusterPki.loadAuthority(ca);
      } else {
        if (Files.exists(out.resolve("ca"))) {
          err.println("memoryoss cluster certs: " + out.resolve("ca") + " exists; pass --ca "
              + out.resolve("ca") + " to issue more nodes with it");
          return 1;
        }
        authority = ClusterPki.newAuthority("memoryoss cluster CA", Duration.ofDays(3650));
        ClusterPki.saveAuthority(authority, out.resolve("ca"));
      }
      PrintWriter o = spec.commandLine().getOut();
      for (String n : names) {
        ClusterPki.issueNode(authority, n, Duration.ofDays(days), out.resolve(n));
        o.println("node " + n + ": certs_dir = \"" + out.resolve(n).toAbsolutePath() + "\"");
      }
      if (ca == null) {
        o.println("CA: " + out.resolve("ca").toAbsolutePath()
            + " (keep it offline; only needed to add nodes)");
      }
      o.flush();
      return 0;
    }

    private List<String> hostNames() {
      List<String> names = new ArrayList<>();
      if (nodes.count != null) {
        if (nodes.count < 1 || nodes.count > 100) {
          return null;
        }
        for (int i = 1; i <= nodes.count; i++) {
          names.add("node-" + i);
        }
        return names;
      }
      for (String h : nodes.hosts) {
        if (!HOST.matcher(h).matches() || h.contains("..") || names.contains(h)) {
          return null;
        }
        names.add(h);
      }
      return names;
    }
  }
}
