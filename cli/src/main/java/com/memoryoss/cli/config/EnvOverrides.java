package com.memoryoss.cli.config;

import java.util.Map;

/** Environment variables that override config values (env wins over the file). */
final class EnvOverrides {
  private EnvOverrides() {}

  static ConfigFile apply(ConfigFile f, Map<String, String> env) {
    var a = f.auth();
    var auth = new ConfigFile.Auth(a.apiKeys(),
        first(env, a.jwtSecret(), "MEMORYOSS_JWT_SECRET"), a.jwtExpirySecs(),
        first(env, a.auditHmacSecret(), "MEMORYOSS_AUDIT_HMAC_SECRET"));
    var e = f.encryption();
    var enc = new ConfigFile.Encryption(e.provider(), e.keyId(), e.region(), e.vaultAddress(),
        e.vaultToken(), e.vaultMount(), e.vaultKeyName(), e.gracePeriodSecs(), e.masterKeyFile(),
        first(env, e.masterKey(), "MEMORYOSS_MASTER_KEY"));
    var p = f.proxy();
    var proxy = new ConfigFile.Proxy(p.enabled(), p.upstreamUrl(),
        first(env, p.upstreamApiKey(), "MEMORYOSS_PROXY_UPSTREAM_KEY", "MEMORYOSS_OPENAI_REAL_KEY",
            "OPENAI_API_KEY"),
        p.extractModel(), p.extractProvider(), p.extractApiKey(), p.extractUrl(),
        p.maxMemoryPct(), p.minRecallScore(), p.keyMapping(), p.modelContextSizes(),
        p.privacyMode(),
        first(env, p.anthropicApiKey(), "MEMORYOSS_PROXY_ANTHROPIC_KEY",
            "MEMORYOSS_ANTHROPIC_REAL_KEY", "ANTHROPIC_API_KEY"),
        p.anthropicUpstreamUrl(), p.extractionEnabled(), p.allowClientMemoryControl(),
        p.passthroughAuth(), p.passthroughLocalOnly(), p.minChannelScore(), p.diversityFactor(),
        p.confidenceGate(), p.identifierFirstRouting(), p.primitiveAlgebra(),
        p.memoryCoprocessor(), p.defaultMemoryMode(), p.memoryAfterDate(),
        p.upstreamTimeoutSecs());
    var s = f.storage();
    var storage = new ConfigFile.Storage(s.dataDir(), s.journal(), s.postgresUrl(),
        s.postgresUser(), first(env, s.postgresPassword(), "MEMORYOSS_POSTGRES_PASSWORD"),
        s.passivateAfterSecs(), s.snapshotMinEvents());
    return new ConfigFile(f.server(), f.tls(), auth, storage, f.embeddings(), f.logging(),
        f.limits(), f.decompose(), enc, f.trust(), f.decay(), f.consolidation(), proxy, f.setup(),
        f.sharing(), f.cluster());
  }

  /** The first non-empty environment variable among {@code names}, else the file's value. */
  private static String first(Map<String, String> env, String fileValue, String... names) {
    for (String n : names) {
      String v = env.get(n);
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return fileValue;
  }
}
