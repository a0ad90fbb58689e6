package com.memoryoss.cli.setup;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Everything the wizard may be told up front; null means "ask, or use the default". With {@code
 * interactive} off every question takes its default, so flags alone drive a run.
 *
 * @param home the home directory whose files are detected and edited
 * @param env the environment ({@code CODEX_HOME}, {@code SHELL}, {@code PATH}, provider keys,
 *     {@code MEMORYOSS_PORT})
 * @param config where memoryoss.toml goes (default {@code <home>/.memoryoss/memoryoss.toml})
 * @param profile {@code auto} (whatever is detected), {@code claude}, {@code codex} or {@code
 *     cursor} (that client only, even if not detected)
 * @param claudeAuth {@code oauth} or {@code api-key} when Claude Code has both
 * @param codexAuth {@code oauth} or {@code api-key} when Codex has both
 * @param shell false: leave the shell rc file alone
 * @param skip clients not to register ({@code claude}, {@code codex}, {@code cursor})
 * @param reconfigure rewrite an existing config (its secrets are kept)
 * @param launcher the {@code bin/memoryoss} to register; found next to the running jar if null
 */
public record SetupOptions(
    Path home,
    Map<String, String> env,
    Path config,
    Path dataDir,
    Integer port,
    String profile,
    String memoryMode,
    String claudeAuth,
    String codexAuth,
    Boolean shell,
    Set<String> skip,
    boolean reconfigure,
    boolean interactive,
    boolean dryRun,
    Path launcher) {

  public SetupOptions {
    profile = profile == null ? "auto" : profile;
    skip = skip == null ? Set.of() : Set.copyOf(skip);
    env = Map.copyOf(env);
  }

  Path configPath() {
    return (config != null ? config : home.resolve(".memoryoss").resolve("memoryoss.toml"))
        .toAbsolutePath().normalize();
  }

  /** Flags that only make sense when the config is (re)written. */
  boolean changesConfig() {
    return reconfigure || port != null || dataDir != null || memoryMode != null;
  }
}
