package com.memoryoss.cli;

import com.memoryoss.cli.client.ServerEndpoints;
import com.memoryoss.cli.config.ConfigException;
import com.memoryoss.cli.config.ConfigLoader;
import com.memoryoss.client.MemoryEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which config file a client or operator command uses: the one given with {@code -c} (it must
 * exist), else {@code ./memoryoss.toml}, else the setup wizard's {@code ~/.memoryoss/memoryoss.toml}.
 */
final class ConfigLocation {
  private ConfigLocation() {}

  static Optional<Path> find(Main root, Map<String, String> env) {
    if (root.configGiven()) {
      if (!Files.isRegularFile(root.configPath())) {
        throw new ConfigException("", "config file not found: " + root.configPath());
      }
      return Optional.of(root.configPath().toAbsolutePath().normalize());
    }
    Path local = Path.of("memoryoss.toml");
    if (Files.isRegularFile(local)) {
      return Optional.of(local.toAbsolutePath().normalize());
    }
    Path wizard = home(env).resolve(".memoryoss").resolve("memoryoss.toml");
    return Files.isRegularFile(wizard) ? Optional.of(wizard) : Optional.empty();
  }

  /** Who a client command acts as: the configured key decides the namespace, server-side. */
  static final com.memoryoss.protocol.api.Caller CALLER =
      new com.memoryoss.protocol.api.Caller(null, "cli");

  /**
   * The running server a client command talks to: the one the config describes (address, TLS,
   * first API key), or {@code memoryoss dev}'s defaults when there is no config.
   */
  static MemoryEndpoint endpoint(Main root, Map<String, String> env) {
    Optional<Path> file = find(root, env);
    return file.map(f -> ServerEndpoints.of(ConfigLoader.load(f, env), f))
        .orElseGet(ServerEndpoints::devDefaults);
  }

  static Path home(Map<String, String> env) {
    String h = env.get("HOME");
    return Path.of(h != null && !h.isBlank() ? h : System.getProperty("user.home"));
  }
}
