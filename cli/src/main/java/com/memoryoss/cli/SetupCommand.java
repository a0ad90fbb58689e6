package com.memoryoss.cli;

import com.memoryoss.cli.setup.SetupException;
import com.memoryoss.cli.setup.SetupOptions;
import com.memoryoss.cli.setup.Wizard;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code memoryoss setup}: the setup wizard (see {@link Wizard}). */
@Command(name = "setup", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Write a memoryOSS config and register the MCP server with Claude Code, Codex"
        + " and Cursor, keeping every other setting of their files and a backup of each file it"
        + " changes. Running it again changes nothing.",
        "It does not start the server: it prints the command for that."})
final class SetupCommand implements Callable<Integer> {
  @ParentCommand Main root;

  @Option(names = "--non-interactive", description = "Ask nothing: flags and defaults decide.")
  boolean nonInteractive;

  @Option(names = "--dry-run", description = "Show what would change; write nothing.")
  boolean dryRun;

  @Option(names = "--home", paramLabel = "DIR",
      description = "Home directory to set up (default: $HOME).")
  Path home;

  @Option(names = "--profile", paramLabel = "auto|claude|codex|cursor",
      description = "Which clients: auto = every one found (default), or just that one.")
  String profile;

  @Option(names = "--port", description = "Server port (default: $MEMORYOSS_PORT or 8000).")
  Integer port;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Data directory (default: ~/.memoryoss/data).")
  Path dataDir;

  @Option(names = "--memory-mode", paramLabel = "full|readonly|off",
      description = "Proxy memory mode (default full; asked when memories exist).")
  String memoryMode;

  @Option(names = "--claude-auth", paramLabel = "oauth|api-key",
      description = "When Claude Code has a subscription login and an API key: which it uses.")
  String claudeAuth;

  @Option(names = "--codex-auth", paramLabel = "oauth|api-key",
      description = "When Codex has a ChatGPT login and an API key: which it uses.")
  String codexAuth;

  @Option(names = "--no-shell", description = "Leave the shell rc file alone (no BASE_URL"
      + " exports).")
  boolean noShell;

  @Option(names = "--skip", split = ",", paramLabel = "claude,codex,cursor",
      description = "Clients not to register.")
  Set<String> skip;

  @Option(names = "--reconfigure", description = "Rewrite an existing config (its keys and"
      + " secrets are kept).")
  boolean reconfigure;

  @Option(names = "--launcher", paramLabel = "PATH",
      description = "The memoryoss command to register (default: this installation's"
          + " bin/memoryoss).")
  Path launcher;

  @Override
  public Integer call() {
    check("--profile", profile, Set.of("auto", "claude", "codex", "cursor"));
    check("--memory-mode", memoryMode, Set.of("full", "readonly", "off"));
    check("--claude-auth", claudeAuth, Set.of("oauth", "api-key"));
    check("--codex-auth", codexAuth, Set.of("oauth", "api-key"));
    if (skip != null) {
      skip.forEach(s -> check("--skip", s, Set.of("claude", "codex", "cursor")));
    }
    if (port != null && (port < 1 || port > 65535)) {
      throw new SetupException("--port must be between 1 and 65535");
    }
    Map<String, String> env = new HashMap<>(System.getenv());
    Path homeDir = home != null ? home.toAbsolutePath().normalize() : ConfigLocation.home(env);
    if (home != null) {
      env.put("HOME", homeDir.toString());
    }
    SetupOptions opts = new SetupOptions(homeDir, env,
        root.configGiven() ? root.configPath() : null, dataDir, port, profile, memoryMode,
        claudeAuth, codexAuth, noShell ? false : null, skip, reconfigure, !nonInteractive,
        dryRun, launcher);
    var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    var ask = nonInteractive ? com.memoryoss.cli.setup.Prompter.defaults()
        : com.memoryoss.cli.setup.Prompter.reading(in, System.out);
    return new Wizard(opts, ask, System.out).run();
  }

  private static void check(String option, String value, Set<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      throw new SetupException(option + " must be one of " + String.join(", ",
          allowed.stream().sorted().toList()) + " (got " + value + ")");
    }
  }
}
