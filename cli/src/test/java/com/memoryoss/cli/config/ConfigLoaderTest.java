package com.memoryoss.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private ConfigFile load(String toml) throws Exception {
    return load(toml, Map.of());
  }

  private ConfigFile load(String toml, Map<String, String> env) throws Exception {
    Path f = dir.resolve("memoryoss.toml");
    Files.writeString(f, toml);
    return ConfigLoader.load(f, env);
  }

  @Test
  void anEmptyFileMeansEveryDefault() throws Exception {
    ConfigFile c = load("");
    assertThat(c.server().host()).isEqualTo("127.0.0.1");
    assertThat(c.server().port()).isEqualTo(8000);
    assertThat(c.tls().enabled()).isTrue();
    assertThat(c.storage().dataDir()).isEqualTo("data");
    assertThat(c.storage().journal()).isEqualTo("sqlite");
    assertThat(c.limits().maxContentBytes()).isEqualTo(32_768);
    assertThat(c.auth().jwtExpirySecs()).isEqualTo(3600);
    assertThat(c.proxy().defaultMemoryMode()).isEqualTo("full");
  }

  @Test
  void readsTheOriginalsSectionsAndKeys() throws Exception {
    ConfigFile c = load("""
        [server]
        host = "0.0.0.0"
        port = 9000
        hybrid_mode = true
        core_port = 9001

        [tls]
        enabled = false
        auto_generate = false

        [auth]
        jwt_secret = "0123456789abcdef0123456789abcdef"
        jwt_expiry_secs = 600

        [[auth.api_keys]]
        key = "ek_admin"
        role = "admin"
        namespace = "team-a"

        [[auth.api_keys]]
        key = "ek_reader"
        role = "reader"

        [storage]
        data_dir = "/var/lib/memoryoss"

        [logging]
        level = "debug"
        json = true

        [limits]
        rate_limit_per_sec = 50
        max_tags = 10

        [decay]
        enabled = true
        after_days = 14

        [proxy]
        enabled = true
        default_memory_mode = "readonly"
        min_recall_score = 0.35
        model_context_sizes = { "gpt-4o" = 128000 }

        [[proxy.key_mapping]]
        proxy_key = "ek_admin"
        namespace = "team-a"

        [trust.ip_allowlists]
        team-a = ["127.0.0.1"]
        """);
    assertThat(c.server().port()).isEqualTo(9000);
    assertThat(c.tls().enabled()).isFalse();
    assertThat(c.auth().apiKeys()).hasSize(2);
    assertThat(c.auth().apiKeys().get(1).namespace()).isEqualTo("default");
    assertThat(c.limits().rateLimitPerSec()).isEqualTo(50.0);
    assertThat(c.proxy().modelContextSizes()).containsEntry("gpt-4o", 128_000L);
    assertThat(c.proxy().keyMapping().get(0).namespace()).isEqualTo("team-a");
    assertThat(c.trust().ipAllowlists()).containsKey("team-a");
  }

  @Test
  void anUnknownKeyIsNamed() {
    assertThatThrownBy(() -> load("[server]\nprot = 8000\n"))
        .isInstanceOf(ConfigException.class).hasMessage("server.prot: unknown key");
    assertThatThrownBy(() -> load("[serverr]\nport = 8000\n"))
        .hasMessage("serverr: unknown key");
    assertThatThrownBy(() -> load("[[auth.api_keys]]\nkey = \"k\"\nrole = \"admin\"\nrol = 1\n"))
        .hasMessage("auth.api_keys[0].rol: unknown key");
  }

  @Test
  void aWrongTypeIsNamed() {
    assertThatThrownBy(() -> load("[server]\nport = \"8000\"\n"))
        .hasMessage("server.port: expected an integer");
    assertThatThrownBy(() -> load("[tls]\nenabled = \"no\"\n"))
        .hasMessage("tls.enabled: expected true or false");
  }

  @Test
  void anImpossibleValueIsNamed() {
    assertThatThrownBy(() -> load("[server]\nport = 70000\n"))
        .hasMessage("server.port: must be between 0 and 65535 (got 70000)");
    assertThatThrownBy(() -> load("[auth]\njwt_secret = \"short\"\n"))
        .hasMessage("auth.jwt_secret: must be at least 32 characters");
    assertThatThrownBy(() -> load("[[auth.api_keys]]\nkey = \"k\"\nrole = \"root\"\n"))
        .hasMessageStartingWith("auth.api_keys[0].role: must be one of reader, writer, admin");
    assertThatThrownBy(() -> load("[[auth.api_keys]]\nkey = \"k\"\nrole = \"admin\"\n"
        + "namespace = \"a/b\"\n"))
        .hasMessageStartingWith("auth.api_keys[0].namespace:");
    assertThatThrownBy(() -> load("[limits]\nrate_limit_per_sec = 0\n"))
        .hasMessageStartingWith("limits.rate_limit_per_sec: must be positive");
    assertThatThrownBy(() -> load("[storage]\njournal = \"postgres\"\n"))
        .hasMessageStartingWith("storage.postgres_url: required");
    assertThatThrownBy(() -> load("[encryption]\nprovider = \"vault\"\n"))
        .hasMessageContaining("not supported");
    assertThatThrownBy(() -> load("[tls]\nenabled = true\nauto_generate = false\n"))
        .hasMessageStartingWith("tls.cert_path: required");
    assertThatThrownBy(() -> load("[proxy]\ndefault_memory_mode = \"readwrite\"\n"))
        .hasMessageStartingWith("proxy.default_memory_mode: must be one of");
  }

  @Test
  void invalidTomlNamesTheLine() {
    assertThatThrownBy(() -> load("[server]\nport = = 1\n"))
        .hasMessageStartingWith("invalid TOML at line 2");
  }

  @Test
  void environmentOverridesSecrets() throws Exception {
    ConfigFile c = load("", Map.of("MEMORYOSS_JWT_SECRET", "x".repeat(40),
        "OPENAI_API_KEY", "sk-test"));
    assertThat(c.auth().jwtSecret()).isEqualTo("x".repeat(40));
    assertThat(c.proxy().upstreamApiKey()).isEqualTo("sk-test");
  }

  @Test
  void aMissingFileIsReported() {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("none.toml"), Map.of()))
        .hasMessageContaining("config file not found");
  }
}
