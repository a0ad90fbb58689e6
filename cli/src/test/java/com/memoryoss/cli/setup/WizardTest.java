package com.memoryoss.cli.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.memoryoss.cli.config.ConfigFile;
import com.memoryoss.cli.config.ConfigLoader;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The setup wizard in an isolated home directory: what it writes, keeps and leaves alone. */
class WizardTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLAUDE_JSON = """
      {
        "numStartups": 3,
        "theme": "dark",
        "tipsHistory": {"ide": 1.0},
        "mcpServers": {
          "github": {
            "type": "stdio",
            "command": "npx",
            "args": ["-y", "@modelcontextprotocol/server-github"],
            "env": {"TOKEN": "x\\u00e9"}
          }
        }
      }
      """;
  private static final String CODEX_TOML = """
      # Codex settings (hand-written)
      model = "gpt-5.5"
      approval_policy = "on-request"   # ask first

      [mcp_servers.docs]
      command = "docs-mcp"
      args = ["--stdio"]
      """;
  private static final String BASHRC = "alias ll='ls -l'\nexport OPENAI_BASE_URL=https://x/v1\n";

  @TempDir Path home;
  Path launcher;
  Map<String, String> env;
  ByteArrayOutputStream printed;

  @BeforeEach
  void home() throws IOException {
    Path bin = Files.createDirectories(home.resolve("opt/memoryoss/bin"));
    launcher = Files.writeString(bin.resolve("memoryoss"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(home.resolve(".claude"));
    Files.writeString(home.resolve(".claude.json"), CLAUDE_JSON);
    Files.createDirectories(home.resolve("codex"));
    Files.writeString(home.resolve("codex/config.toml"), CODEX_TOML);
    Files.writeString(home.resolve(".bashrc"), BASHRC);
    env = new HashMap<>(Map.of("HOME", home.toString(), "CODEX_HOME",
        home.resolve("codex").toString(), "SHELL", "/bin/bash", "PATH", "/nonexistent",
        "OPENAI_API_KEY", "sk-test-0123456789abcdef"));
  }

  private int run(SetupOptionsBuilder b) {
    printed = new ByteArrayOutputStream();
    Prompter ask = b.answers == null ? Prompter.defaults()
        : Prompter.reading(new BufferedReader(new StringReader(b.answers)),
            new PrintStream(new ByteArrayOutputStream()));
    SetupOptions o = new SetupOptions(home, env, null, null, b.port, b.profile, null, null, null,
        null, b.skip, false, b.answers != null, false, launcher);
    return new Wizard(o, ask, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
  }

  private static final class SetupOptionsBuilder {
    Integer port;
    String profile;
    Set<String> skip;
    String answers;
  }

  private static SetupOptionsBuilder opts() {
    return new SetupOptionsBuilder();
  }

  private Path config() {
    return home.resolve(".memoryoss/memoryoss.toml");
  }

  @Test
  void writesAConfigThatTheServersLoaderAccepts() throws Exception {
    assertThat(run(opts())).isZero();
    assertThat(Files.getPosixFilePermissions(config()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    ConfigFile cfg = ConfigLoader.load(config(), Map.of());
    assertThat(cfg.server().host()).isEqualTo("127.0.0.1");
    assertThat(cfg.server().port()).isEqualTo(8000);
    assertThat(cfg.tls().enabled()).isFalse();
    String key = cfg.auth().apiKeys().get(0).key();
    assertThat(key).matches("ek_[0-9a-f]{64}");
    assertThat(cfg.auth().apiKeys().get(0).role()).isEqualTo("admin");
    assertThat(cfg.auth().jwtSecret()).hasSize(64);
    assertThat(cfg.auth().auditHmacSecret()).hasSize(64).isNotEqualTo(cfg.auth().jwtSecret());
    assertThat(cfg.storage().dataDir()).isEqualTo(home.resolve(".memoryoss/data").toString());
    assertThat(cfg.proxy().enabled()).isTrue();
    assertThat(cfg.proxy().passthroughAuth()).isTrue();
    assertThat(cfg.proxy().passthroughLocalOnly()).isTrue();
    assertThat(cfg.proxy().defaultMemoryMode()).isEqualTo("full");
    assertThat(cfg.proxy().keyMapping()).singleElement()
        .satisfies(m -> assertThat(m.proxyKey()).isEqualTo(key));
    assertThat(cfg.proxy().extractionEnabled()).isTrue();
  }

  @Test
  void registersWithClaudeCodeAndCodexKeepingEveryOtherByteAndABackup() throws Exception {
    assertThat(run(opts())).isZero();
    String args = "\"-c\",\n          \"" + config() + "\",\n          \"mcp-server\"";
    String claude = Files.readString(home.resolve(".claude.json"));
    String inserted = ",\n    \"memoryoss\": {\n      \"type\": \"stdio\",\n      \"command\": \""
        + launcher + "\",\n      \"args\": [\n        " + args.replace("\n          ",
            "\n        ") + "\n      ],\n      \"env\": {}\n    }";
    assertThat(claude.replace(inserted, "")).isEqualTo(CLAUDE_JSON);
    JsonNode entry = JSON.readTree(claude).at("/mcpServers/memoryoss");
    assertThat(entry.get("command").asText()).isEqualTo(launcher.toString());
    assertThat(entry.get("args")).containsExactly(JSON.valueToTree("-c"),
        JSON.valueToTree(config().toString()), JSON.valueToTree("mcp-server"));

    String codex = Files.readString(home.resolve("codex/config.toml"));
    assertThat(codex).isEqualTo(CODEX_TOML + "\n[mcp_servers.memoryoss]\ncommand = \"" + launcher
        + "\"\nargs = [\"-c\", \"" + config() + "\", \"mcp-server\"]\n");

    assertThat(backups(".claude.json")).singleElement()
        .satisfies(b -> assertThat(Files.readString(b)).isEqualTo(CLAUDE_JSON));
    assertThat(backups("codex/config.toml")).singleElement()
        .satisfies(b -> assertThat(Files.readString(b)).isEqualTo(CODEX_TOML));
    assertThat(Files.exists(home.resolve(".cursor"))).isFalse();
  }

  @Test
  void exportsTheProxyForAnApiKeyClientWithoutDeletingUnrelatedLines() throws Exception {
    assertThat(run(opts())).isZero();
    String rc = Files.readString(home.resolve(".bashrc"));
    assertThat(rc).startsWith(BASHRC + "\n# >>> memoryOSS proxy >>>\n")
        .contains("export OPENAI_BASE_URL=\"http://127.0.0.1:8000/proxy/v1\"")
        .doesNotContain("ANTHROPIC_BASE_URL");
    assertThat(printed.toString()).contains("also has `export OPENAI_BASE_URL=https://x/v1`");
  }

  @Test
  void writesNoExportsForASubscriptionLogin() throws Exception {
    env.remove("OPENAI_API_KEY");
    Files.writeString(home.resolve(".claude/.credentials.json"),
        "{\"claudeAiOauth\":{\"accessToken\":\"t\",\"subscriptionType\":\"max\"}}");
    env.put("ANTHROPIC_API_KEY", "sk-ant-test-key");
    assertThat(run(opts())).isZero();
    assertThat(Files.readString(home.resolve(".bashrc"))).isEqualTo(BASHRC);
    assertThat(printed.toString()).contains("signed in with a Claude subscription (max)");
    assertThat(ConfigLoader.load(config(), Map.of()).proxy().extractProvider())
        .isEqualTo("claude");
  }

  @Test
  void aSecondIdenticalRunChangesNothingAndMakesNoBackup() throws Exception {
    assertThat(run(opts())).isZero();
    Map<String, String> before = snapshot();
    assertThat(run(opts())).isZero();
    assertThat(snapshot()).isEqualTo(before);
    assertThat(printed.toString()).contains("Nothing to change");
  }

  @Test
  void reconfiguringKeepsTheKeysSoRegisteredClientsKeepWorking() throws Exception {
    assertThat(run(opts())).isZero();
    ConfigFile first = ConfigLoader.load(config(), Map.of());
    SetupOptionsBuilder b = opts();
    b.port = 8123;
    assertThat(run(b)).isZero();
    ConfigFile second = ConfigLoader.load(config(), Map.of());
    assertThat(second.server().port()).isEqualTo(8123);
    assertThat(second.auth().apiKeys().get(0).key())
        .isEqualTo(first.auth().apiKeys().get(0).key());
    assertThat(second.auth().jwtSecret()).isEqualTo(first.auth().jwtSecret());
    assertThat(Files.readString(home.resolve(".bashrc"))).contains("127.0.0.1:8123/proxy/v1")
        .doesNotContain("127.0.0.1:8000/proxy");
    Map<String, String> after = snapshot();
    assertThat(run(b)).isZero();
    assertThat(snapshot()).isEqualTo(after);
  }

  @Test
  void askedInteractivelyItRegistersOnlyWhatTheUserAccepts() throws Exception {
    Files.createDirectories(home.resolve(".cursor"));
    SetupOptionsBuilder b = opts();
    // port, Claude Code yes, Codex no, Cursor yes, shell exports no, apply yes
    b.answers = "9001\ny\nn\n\nn\ny\n";
    assertThat(run(b)).isZero();
    assertThat(ConfigLoader.load(config(), Map.of()).server().port()).isEqualTo(9001);
    assertThat(Files.readString(home.resolve(".claude.json"))).contains("\"memoryoss\"");
    assertThat(Files.readString(home.resolve("codex/config.toml"))).isEqualTo(CODEX_TOML);
    assertThat(JSON.readTree(home.resolve(".cursor/mcp.json").toFile())
        .at("/mcpServers/memoryoss/args/1").asText()).isEqualTo(config().toString());
    assertThat(Files.readString(home.resolve(".bashrc"))).isEqualTo(BASHRC);
  }

  @Test
  void aFileItCannotEditIsLeftAloneAndTheRestIsStillDone() throws Exception {
    Files.writeString(home.resolve(".claude.json"), "{ not json");
    assertThat(run(opts())).isEqualTo(1);
    assertThat(Files.readString(home.resolve(".claude.json"))).isEqualTo("{ not json");
    assertThat(Files.readString(home.resolve("codex/config.toml"))).contains("[mcp_servers.memoryoss]");
    assertThat(printed.toString()).contains("not valid JSON");
  }

  private List<Path> backups(String file) throws IOException {
    Path f = home.resolve(file);
    try (Stream<Path> s = Files.list(f.getParent())) {
      return s.filter(p -> p.getFileName().toString().startsWith(f.getFileName()
          + ".memoryoss-backup-")).toList();
    }
  }

  /** Every file under the home: path → size, modification time and content hash. */
  private Map<String, String> snapshot() throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(home)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(home.relativize(p).toString(), Files.getLastModifiedTime(p) + " "
            + Files.readString(p).hashCode());
      }
    }
    return m;
  }
}
