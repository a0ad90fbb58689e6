package com.memoryoss.cli.setup;

import com.memoryoss.cli.config.ConfigException;
import com.memoryoss.cli.config.ConfigFile;
import com.memoryoss.cli.config.ConfigLoader;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The {@code memoryoss.toml} the wizard writes. The text is a pure function of its inputs, so a
 * second run with the same answers (and the same secrets, which are reused from an existing file)
 * produces the same bytes and changes nothing. Every text is checked with {@link ConfigLoader}
 * before it is used.
 *
 * @param adminKey {@code ek_} + 64 hex characters; also the proxy key
 * @param memoryMode {@code full}, {@code readonly}, {@code after} or {@code off}
 * @param extractProvider {@code openai} or {@code claude}; null when no provider key was found
 *     (extraction off)
 */
record ConfigText(
    int port,
    Path dataDir,
    String adminKey,
    String jwtSecret,
    String auditHmacSecret,
    String memoryMode,
    String extractProvider,
    String profile) {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** 32 random bytes as 64 hex characters. */
  static String secret() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    return HexFormat.of().formatHex(raw);
  }

  static String newAdminKey() {
    return "ek_" + secret();
  }

  /** The secrets of an existing config, so that reconfiguring keeps every client working. */
  static String[] secretsOf(ConfigFile existing) {
    String key = existing.auth().apiKeys().stream()
        .filter(k -> "admin".equals(k.role()))
        .map(ConfigFile.ApiKeyEntry::key)
        .findFirst().orElse(null);
    return new String[] {key, existing.auth().jwtSecret(), existing.auth().auditHmacSecret()};
  }

  String render() {
    boolean extraction = extractProvider != null;
    String provider = extraction ? extractProvider : "openai";
    String model = provider.equals("claude") ? "claude-haiku-4-5-20251001" : "gpt-4o-mini";
    String text = """
        # memoryOSS configuration, written by `memoryoss setup`.
        # It holds the admin API key and secrets: keep it private (mode 0600).
        # Start the server with: memoryoss -c <this file> serve

        [server]
        host = "127.0.0.1"
        port = %d

        [tls]
        # Plain HTTP, reachable from this machine only (host above is loopback).
        enabled = false

        [auth]
        jwt_secret = %s
        audit_hmac_secret = %s
        jwt_expiry_secs = 3600

        # The first key is the one `memoryoss mcp-server` uses.
        [[auth.api_keys]]
        key = %s
        role = "admin"
        namespace = "default"

        [storage]
        data_dir = %s

        [proxy]
        enabled = true
        # Clients may send their own provider key or OAuth token; only from this machine.
        passthrough_auth = true
        passthrough_local_only = true
        default_memory_mode = %s
        min_recall_score = 0.35
        # Provider keys are not written here: they are read from the environment at start-up.
        extraction_enabled = %s
        extract_provider = %s
        extract_model = %s

        [[proxy.key_mapping]]
        proxy_key = %s
        namespace = "default"

        [setup]
        profile = %s

        [logging]
        level = "info"
        """.formatted(port, TomlEdit.quote(jwtSecret), TomlEdit.quote(auditHmacSecret),
        TomlEdit.quote(adminKey), TomlEdit.quote(dataDir.toString()), TomlEdit.quote(memoryMode),
        extraction, TomlEdit.quote(provider), TomlEdit.quote(model), TomlEdit.quote(adminKey),
        TomlEdit.quote(profile));
    try {
      ConfigLoader.revalidate(ConfigLoader.parse(text));
    } catch (ConfigException e) {
      throw new SetupException("the generated config does not load (" + e.getMessage()
          + "); nothing was written");
    }
    return text;
  }
}
