package com.memoryoss.cli.setup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/**
 * The client files setup registers the MCP server in, each as a {@link FileChange} computed from
 * the file as it is now: Claude Code's user config, Codex's config.toml, Cursor's mcp.json.
 */
final class Integrations {
  static final String NAME = "memoryoss";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Integrations() {}

  static List<String> args(Path config) {
    return List.of("-c", config.toString(), "mcp-server");
  }

  /** {@code ~/.claude.json}: {@code mcpServers.memoryoss}, user scope, stdio. */
  static FileChange claude(Path home, Path launcher, Path config) {
    Path file = home.resolve(".claude.json");
    ObjectNode entry = JSON.createObjectNode();
    entry.put("type", "stdio");
    entry.put("command", launcher.toString());
    args(config).forEach(entry.putArray("args")::add);
    entry.putObject("env");
    String before = FileChange.read(file);
    String after = JsonEdit.put(before, file.toString(), "mcpServers", NAME, entry);
    return new FileChange(file, before, after, "Claude Code: mcpServers." + NAME, true);
  }

  /** {@code $CODEX_HOME/config.toml}: {@code [mcp_servers.memoryoss]} command and args. */
  static FileChange codex(Path codexHome, Path launcher, Path config) {
    Path file = codexHome.resolve("config.toml");
    String before = FileChange.read(file);
    String after = TomlEdit.putMcpServer(before, file.toString(), NAME, launcher.toString(),
        args(config));
    return new FileChange(file, before, after, "Codex: [mcp_servers." + NAME + "]", true);
  }

  /** {@code ~/.cursor/mcp.json}: {@code mcpServers.memoryoss}. */
  static FileChange cursor(Path home, Path launcher, Path config) {
    Path file = home.resolve(".cursor").resolve("mcp.json");
    ObjectNode entry = JSON.createObjectNode();
    entry.put("command", launcher.toString());
    args(config).forEach(entry.putArray("args")::add);
    entry.putObject("env");
    String before = FileChange.read(file);
    String after = JsonEdit.put(before, file.toString(), "mcpServers", NAME, entry);
    return new FileChange(file, before, after, "Cursor: mcpServers." + NAME, true);
  }

  /** The shell rc file's managed block with {@code exports} (removed when empty). */
  static FileChange shell(Path rc, List<String> exports) {
    String before = FileChange.read(rc);
    String after = ShellBlock.apply(before, rc.toString(), exports);
    return new FileChange(rc, before, after, exports.isEmpty()
        ? "no memoryOSS proxy exports: no API-key client to route"
        : "memoryOSS proxy block: " + String.join(", ",
            exports.stream().map(e -> e.substring(0, e.indexOf('='))).toList()), false);
  }
}
