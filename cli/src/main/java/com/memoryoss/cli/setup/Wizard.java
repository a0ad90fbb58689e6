package com.memoryoss.cli.setup;

import com.memoryoss.cli.config.ConfigException;
import com.memoryoss.cli.config.ConfigFile;
import com.memoryoss.cli.config.ConfigLoader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code memoryoss setup}: detect, ask, plan every file change, show it, then apply it. A run
 * that would change nothing writes nothing (no backups either), so running it twice is safe.
 * It never starts the server, installs hooks or services, or touches settings it does not own.
 */
public final class Wizard {
  private final SetupOptions opts;
  private final Prompter ask;
  private final PrintStream out;

  public Wizard(SetupOptions opts, Prompter ask, PrintStream out) {
    this.opts = opts;
    this.ask = ask;
    this.out = out;
  }

  /** Runs the wizard; 0 when every planned change was made, 1 when some file was refused. */
  public int run() {
    Path configPath = opts.configPath();
    Path launcher = Launcher.find(opts.launcher(), opts.env());
    Detection d = Detection.of(opts.home(), opts.env());
    describe(d);

    List<FileChange> plan = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    Settings s = configure(configPath, d, plan, refused);

    String claudeMode = mode("Claude Code", d.claudeOauth(), d.anthropicKey(), opts.claudeAuth());
    String codexMode = mode("Codex", d.codexOauth(), d.openAiKey(), opts.codexAuth());
    boolean all = opts.profile().equals("auto");
    if (wanted("claude", all ? d.claude() : opts.profile().equals("claude"), "Claude Code")) {
      plan(plan, refused, () -> Integrations.claude(opts.home(), launcher, configPath));
    }
    if (wanted("codex", all ? d.codex() : opts.profile().equals("codex"), "Codex")) {
      plan(plan, refused, () -> Integrations.codex(d.codexHome(), launcher, configPath));
    }
    if (wanted("cursor", all ? d.cursor() : opts.profile().equals("cursor"), "Cursor")) {
      plan(plan, refused, () -> Integrations.cursor(opts.home(), launcher, configPath));
    }
    List<String> exports = exports(d, s, claudeMode, codexMode);
    if (exports != null) {
      plan(plan, refused, () -> Integrations.shell(d.shellRc(), exports));
    }

    boolean anything = plan.stream().anyMatch(FileChange::changes);
    out.println();
    out.println(anything ? "Changes:" : "Nothing to change: everything is already set up.");
    for (FileChange c : plan) {
      if (c.changes()) {
        out.println("  " + (c.before() == null ? "create " : "update ") + c.path() + " ("
            + c.what() + ")");
      }
    }
    refused.forEach(r -> out.println("  skipped: " + r));
    if (opts.dryRun()) {
      out.println("(dry run: nothing written)");
      return refused.isEmpty() ? 0 : 1;
    }
    if (anything && opts.interactive() && !ask.confirm("Apply these changes?", true)) {
      out.println("Nothing written.");
      return 0;
    }
    if (anything) {
      out.println();
      LocalDateTime now = LocalDateTime.now();
      for (FileChange c : plan) {
        try {
          c.apply(now, out);
        } catch (SetupException e) {
          refused.add(e.getMessage());
          out.println("  failed: " + e.getMessage());
        }
      }
    }
    nextSteps(launcher, configPath, s, exports != null && !exports.isEmpty());
    return refused.isEmpty() ? 0 : 1;
  }

  /** What the config says (or will say) that the rest of the plan needs. */
  private record Settings(int port, boolean proxy) {}

  private Settings configure(Path path, Detection d, List<FileChange> plan, List<String> refused) {
    String before = FileChange.read(path);
    ConfigFile existing = null;
    if (before != null) {
      try {
        existing = ConfigLoader.load(path, java.util.Map.of());
      } catch (ConfigException e) {
        String why = "the existing config " + path + " does not load (" + e.getMessage() + ")";
        if (!opts.changesConfig() && !(opts.interactive()
            && ask.confirm(why + ". Rewrite it (new secrets, backup kept)?", false))) {
          throw new SetupException(why + "; fix it, or run setup with --reconfigure");
        }
        out.println("note: " + why + "; it is rewritten with new secrets");
      }
      boolean rewrite = existing == null || opts.changesConfig()
          || (opts.interactive() && ask.choose("A config exists at " + path
              + ". Keep it or reconfigure?", List.of("keep", "reconfigure"), "keep")
              .equals("reconfigure"));
      if (!rewrite) {
        plan.add(new FileChange(path, before, before, "memoryOSS config, kept", true));
        return new Settings(existing.server().port(), existing.proxy().enabled());
      }
    }
    String[] secrets = existing == null ? new String[3] : ConfigText.secretsOf(existing);
    int port = opts.port() != null ? opts.port()
        : existing != null ? existing.server().port() : envPort();
    if (opts.port() == null && opts.interactive()) {
      port = ask.number("Port for the memoryOSS server", port, 1, 65535);
    }
    Path dataDir = opts.dataDir() != null ? opts.dataDir().toAbsolutePath().normalize()
        : existing != null ? Path.of(existing.storage().dataDir()).toAbsolutePath().normalize()
        : opts.home().resolve(".memoryoss").resolve("data").toAbsolutePath().normalize();
    String mode = opts.memoryMode();
    if (mode == null) {
      mode = Files.exists(dataDir.resolve("journal.db")) && opts.interactive()
          ? ask.choose("Memories already exist in " + dataDir + ". Memory mode for the proxy:"
              + " full (recall and store), readonly (recall only) or off",
              List.of("full", "readonly", "off"), "full")
          : "full";
    }
    String provider = d.openAiKey() ? "openai" : d.anthropicKey() ? "claude" : null;
    ConfigText text = new ConfigText(port, dataDir,
        secrets[0] != null ? secrets[0] : ConfigText.newAdminKey(),
        secrets[1] != null ? secrets[1] : ConfigText.secret(),
        secrets[2] != null ? secrets[2] : ConfigText.secret(), mode, provider,
        opts.profile());
    plan(plan, refused, () -> new FileChange(path, before, text.render(),
        before == null ? "memoryOSS config" : "memoryOSS config, reconfigured", true));
    return new Settings(port, true);
  }

  private int envPort() {
    try {
      int p = Integer.parseInt(opts.env().getOrDefault("MEMORYOSS_PORT", "8000").strip());
      return p >= 1 && p <= 65535 ? p : 8000;
    } catch (NumberFormatException e) {
      return 8000;
    }
  }

  /** How a client authenticates: oauth, api-key or none; asks when it has both. */
  private String mode(String client, boolean oauth, boolean key, String given) {
    if (oauth && key) {
      if (given != null) {
        return given;
      }
      return opts.interactive() ? ask.choose(client + " has both a subscription login and an"
          + " API key. Which does it use?", List.of("oauth", "api-key"), "oauth") : "oauth";
    }
    return oauth ? "oauth" : key ? "api-key" : "none";
  }

  private boolean wanted(String id, boolean byProfile, String label) {
    if (!byProfile || opts.skip().contains(id)) {
      return false;
    }
    return !opts.interactive()
        || ask.confirm("Register the memoryOSS MCP server with " + label + "?", true);
  }

  /** The exports to write (empty: remove the block), or null to leave the rc file alone. */
  private List<String> exports(Detection d, Settings s, String claudeMode, String codexMode) {
    List<String> e = proxyExports(d, s, claudeMode, codexMode);
    if (e == null || e.isEmpty() || !opts.interactive()) {
      return e;
    }
    return ask.confirm("Send OpenAI/Anthropic API traffic through memoryOSS (adds "
        + String.join(", ", e.stream().map(x -> x.substring(0, x.indexOf('='))).toList())
        + " to " + d.shellRc() + ")?", true) ? e : null;
  }

  private List<String> proxyExports(Detection d, Settings s, String claudeMode,
      String codexMode) {
    if (Boolean.FALSE.equals(opts.shell()) || opts.profile().equals("cursor")) {
      return null;
    }
    List<String> e = new ArrayList<>();
    if (!s.proxy()) {
      out.println("note: the config's [proxy] is disabled: no BASE_URL exports");
      return e;
    }
    String base = "http://127.0.0.1:" + s.port() + "/proxy";
    // Only API-key clients are proxy-safe: a subscription (OAuth) login is not sent through.
    if (d.openAiKey() && !codexMode.equals("oauth")) {
      e.add("OPENAI_BASE_URL=" + base + "/v1");
    }
    if (d.anthropicKey() && !claudeMode.equals("oauth")) {
      e.add("ANTHROPIC_BASE_URL=" + base + "/anthropic");
    }
    for (String line : ShellBlock.conflicting(FileChange.read(d.shellRc()), e)) {
      out.println("note: " + d.shellRc() + " also has `" + line + "` outside the memoryOSS"
          + " block; whichever comes later wins (left as it is)");
    }
    return e;
  }

  private void plan(List<FileChange> plan, List<String> refused, Supplier<FileChange> change) {
    try {
      plan.add(change.get());
    } catch (SetupException e) {
      refused.add(e.getMessage());
    }
  }

  private void describe(Detection d) {
    out.println("memoryOSS setup (home " + opts.home() + ")");
    out.println("  Claude Code: " + (d.claude() ? "found" : "not found")
        + (d.claudeOauth() ? ", signed in with a Claude subscription"
            + (d.claudeSubscription() != null ? " (" + d.claudeSubscription() + ")" : "") : "")
        + (d.anthropicKey() ? ", Anthropic API key present" : ""));
    out.println("  Codex:       " + (d.codex() ? "found (" + d.codexHome() + ")" : "not found")
        + (d.codexOauth() ? ", signed in with ChatGPT" : "")
        + (d.openAiKey() ? ", OpenAI API key present" : ""));
    out.println("  Cursor:      " + (d.cursor() ? "found" : "not found"));
  }

  private void nextSteps(Path launcher, Path config, Settings s, boolean exports) {
    out.println();
    out.println("Next:");
    out.println("  Start the server (setup does not start it or install a service):");
    out.println("    " + launcher + " -c " + config + " serve");
    out.println("  Restart Claude Code, Codex or Cursor so they load the memoryoss MCP server.");
    if (exports) {
      out.println("  Open a new shell for the BASE_URL exports (proxy on 127.0.0.1:" + s.port()
          + ").");
    }
  }
}
