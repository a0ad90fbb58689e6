package com.memoryoss.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config file with every key of the original's {@code memoryoss.toml} loads unchanged: what
 * has an effect here is applied, every key that does nothing here is named in one warning, and a
 * key unknown to both servers is still fatal.
 */
class OriginalConfigCompatibilityTest {
  @TempDir Path dir;

  private Path everyKey() throws Exception {
    Path f = dir.resolve("memoryoss.toml");
    try (var in = getClass().getResourceAsStream("/config/every-original-key.toml")) {
      Files.write(f, in.readAllBytes());
    }
    return f;
  }

  @Test
  void everyKeyOfTheOriginalLoads() throws Exception {
    ConfigLoader.Loaded loaded = ConfigLoader.loadWithWarnings(everyKey(), Map.of());
    ConfigFile c = loaded.config();
    assertThat(c.server().port()).isEqualTo(8443);
    assertThat(c.tls().clientCaPath()).isEqualTo("/etc/memoryoss/tls/clients-ca.pem");
    assertThat(c.auth().jwtExpirySecs()).isEqualTo(7200);
    assertThat(c.auth().apiKeys()).extracting(ConfigFile.ApiKeyEntry::namespace)
        .containsExactly("default", "team-b");
    assertThat(c.embeddings().model()).isEqualTo("all-minilm-l6-v2");
    assertThat(c.limits().embeddingCacheMaxSize()).isEqualTo(10_000);
    assertThat(c.proxy().defaultMemoryMode()).isEqualTo("writeonly");
    assertThat(c.proxy().minRecallScore()).isEqualTo(0.35);
    assertThat(c.proxy().keyMapping().get(0).upstreamKey()).isEqualTo("sk-proj-mapped-key");
    assertThat(c.proxy().modelContextSizes()).containsEntry("gpt-4o", 128_000L);
  }

  @Test
  void eachKeyWithoutEffectWarnsOnceByItsPath() throws Exception {
    List<String> warned = ConfigLoader.loadWithWarnings(everyKey(), Map.of()).warnings().stream()
        .map(w -> w.substring(0, w.indexOf(':'))).toList();
    assertThat(warned).containsExactly(
        "auth.audit_hmac_secret",
        "auth.api_keys[0].jwt_expiry_secs",
        "limits.group_commit_batch_size",
        "limits.group_commit_flush_ms",
        "limits.intent_cache_ttl_secs",
        "limits.intent_cache_max_entries",
        "decompose.provider",
        "decompose.api_key",
        "decompose.model",
        "decompose.endpoint",
        "decompose.token_budget",
        "encryption.key_id",
        "encryption.region",
        "encryption.vault_address",
        "encryption.vault_token",
        "encryption.vault_mount",
        "encryption.vault_key_name",
        "encryption.grace_period_secs",
        "trust.semantic_dedup_threshold",
        "trust.ip_allowlists",
        "consolidation.enabled",
        "consolidation.interval_minutes",
        "consolidation.threshold",
        "consolidation.max_clusters",
        "proxy.privacy_mode",
        "proxy.confidence_gate",
        "proxy.identifier_first_routing",
        "proxy.primitive_algebra",
        "sharing.enabled",
        "sharing.allow_private_webhooks",
        "sharing.max_grants",
        "sharing.max_shared_namespaces");
  }

  @Test
  void aWarningSaysWhyAndNeverShowsTheValue() throws Exception {
    List<String> warnings = ConfigLoader.loadWithWarnings(everyKey(), Map.of()).warnings();
    assertThat(warnings).contains("auth.api_keys[0].jwt_expiry_secs: has no effect here: the"
        + " token lifetime is auth.jwt_expiry_secs; in TOML a key written below"
        + " [[auth.api_keys]] belongs to that key entry, so move it above the first"
        + " [[auth.api_keys]]");
    assertThat(String.join("\n", warnings))
        .doesNotContain("hvs.vault-token", "sk-ant-decompose-key", "an-audit-secret");
  }

  @Test
  void keysThatWorkHereDoNotWarn() throws Exception {
    Path f = dir.resolve("plain.toml");
    Files.writeString(f, """
        [server]
        port = 9000
        [proxy]
        enabled = true
        default_memory_mode = "readonly"
        [decay]
        enabled = true
        strategy = "age"
        [setup]
        profile = "claude"
        """);
    assertThat(ConfigLoader.loadWithWarnings(f, Map.of()).warnings()).isEmpty();
  }

  @Test
  void keysUnknownToBothStayFatalWithTheirPath() throws Exception {
    Path f = dir.resolve("bad.toml");
    Files.writeString(f, "[[auth.api_keys]]\nkey = \"k\"\nrole = \"admin\"\njwt_expiry = 5\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .hasMessage("auth.api_keys[0].jwt_expiry: unknown key");
    Files.writeString(f, "[sharing]\nenabled = false\nwebhook = \"x\"\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .hasMessage("sharing.webhook: unknown key");
    Files.writeString(f, "[decompose]\nprovider = \"claude\"\n[limits]\ngroup_commit = 1\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .hasMessage("limits.group_commit: unknown key");
  }

  @Test
  void embeddingModelsOfTheOriginalWorkOrAreRefusedWithTheList() throws Exception {
    Path f = dir.resolve("model.toml");
    Files.writeString(f, "[embeddings]\nmodel = \"bge-small-en-v1.5\"\n");
    assertThat(ConfigLoader.load(f, Map.of()).embeddings().model())
        .isEqualTo("bge-small-en-v1.5");
    for (String refused : List.of("bge-base-en-v1.5", "bge-large-en-v1.5")) {
      Files.writeString(f, "[embeddings]\nmodel = \"" + refused + "\"\n");
      assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
          .hasMessageStartingWith("embeddings.model: must be one of e5-small-v2,"
              + " all-minilm-l6-v2, bge-small-en-v1.5, none (got \"" + refused + "\")");
    }
  }
}
