package com.memoryoss.cli.config;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Rejects impossible values, one key at a time, with a message that names the key. */
final class ConfigValidator {
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  private static final Pattern SEED = Pattern.compile("pekko://[A-Za-z0-9_-]+@[^:/]+:\\d+");

  private ConfigValidator() {}

  static ConfigFile validate(ConfigFile f) {
    server(f.server());
    tls(f.tls());
    auth(f.auth());
    storage(f.storage());
    List<String> models = new java.util.ArrayList<>(
        com.memoryoss.indexer.embed.Embedders.supportedModels());
    models.add("none");
    oneOf("embeddings.model", f.embeddings().model(), models,
        " (the models this server ships; none = lexical recall only)");
    range("embeddings.threads", f.embeddings().threads(), 1, 64);
    oneOf("logging.level", f.logging().level(),
        List.of("trace", "debug", "info", "warn", "error"));
    limits(f.limits());
    oneOf("encryption.provider", f.encryption().provider(), List.of("local"),
        " (vault and aws_kms are not supported by this server)");
    if (f.encryption().masterKey() != null && f.encryption().masterKeyFile() != null) {
      throw new ConfigException("encryption.master_key",
          "give either master_key or master_key_file, not both");
    }
    unit("trust.threshold", f.trust().threshold());
    unit("trust.semantic_dedup_threshold", f.trust().semanticDedupThreshold());
    oneOf("decay.strategy", f.decay().strategy(), List.of("age"));
    atLeast("decay.after_days", f.decay().afterDays(), 0);
    unit("consolidation.threshold", f.consolidation().threshold());
    atLeast("consolidation.max_clusters", f.consolidation().maxClusters(), 1);
    atLeast("consolidation.interval_minutes", f.consolidation().intervalMinutes(), 0);
    proxy(f.proxy());
    oneOf("setup.profile", f.setup().profile(),
        List.of("auto", "claude", "codex", "cursor", "team_node"));
    cluster(f);
    return f;
  }

  private static void server(ConfigFile.Server s) {
    nonEmpty("server.host", s.host());
    range("server.port", s.port(), 0, 65535);
    if (s.corePort() != null) {
      range("server.core_port", s.corePort(), 1, 65535);
      if (s.hybridMode() && s.corePort().equals(s.port())) {
        throw new ConfigException("server.core_port", "must differ from server.port");
      }
    }
  }

  private static void tls(ConfigFile.Tls t) {
    if ((t.certPath() == null) != (t.keyPath() == null)) {
      throw new ConfigException(t.certPath() == null ? "tls.cert_path" : "tls.key_path",
          "tls.cert_path and tls.key_path must be set together");
    }
    if (t.enabled() && !t.autoGenerate() && t.certPath() == null) {
      throw new ConfigException("tls.cert_path",
          "required when tls.enabled = true and tls.auto_generate = false");
    }
  }

  private static void auth(ConfigFile.Auth a) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < a.apiKeys().size(); i++) {
      ConfigFile.ApiKeyEntry k = a.apiKeys().get(i);
      String at = "auth.api_keys[" + i + "]";
      if (k.key() == null || k.key().isBlank()) {
        throw new ConfigException(at + ".key", "must not be empty");
      }
      if (!seen.add(k.key())) {
        throw new ConfigException(at + ".key", "the same key is configured twice");
      }
      oneOf(at + ".role", k.role(), List.of("reader", "writer", "admin"));
      namespace(at + ".namespace", k.namespace());
    }
    if (a.jwtSecret() != null && a.jwtSecret().length() < 32) {
      throw new ConfigException("auth.jwt_secret", "must be at least 32 characters");
    }
    if (a.auditHmacSecret() != null && a.auditHmacSecret().length() < 32) {
      throw new ConfigException("auth.audit_hmac_secret", "must be at least 32 characters");
    }
    if (a.jwtExpirySecs() <= 0) {
      throw new ConfigException("auth.jwt_expiry_secs", "must be positive");
    }
  }

  private static void storage(ConfigFile.Storage s) {
    nonEmpty("storage.data_dir", s.dataDir());
    oneOf("storage.journal", s.journal(), List.of("sqlite", "postgres"));
    if (s.journal().equals("postgres")) {
      if (s.postgresUrl() == null || !s.postgresUrl().startsWith("jdbc:postgresql://")) {
        throw new ConfigException("storage.postgres_url",
            "required for journal = \"postgres\", like jdbc:postgresql://host:5432/db");
      }
    }
    atLeast("storage.passivate_after_secs", s.passivateAfterSecs(), 1);
    atLeast("storage.snapshot_min_events", s.snapshotMinEvents(), 1);
  }

  private static void limits(ConfigFile.Limits l) {
    range("limits.max_content_bytes", l.maxContentBytes(), 1, 1_048_576);
    range("limits.max_tags", l.maxTags(), 0, 1000);
    range("limits.max_tag_length", l.maxTagLength(), 1, 4096);
    if (!(l.rateLimitPerSec() > 0) || l.rateLimitPerSec().isInfinite()) {
      throw new ConfigException("limits.rate_limit_per_sec",
          "must be positive (got " + l.rateLimitPerSec() + ")");
    }
    range("limits.max_namespace_length", l.maxNamespaceLength(), 1, 128);
    atLeast("limits.embedding_cache_max_size", l.embeddingCacheMaxSize(), 0);
    atLeast("limits.group_commit_batch_size", l.groupCommitBatchSize(), 1);
    atLeast("limits.intent_cache_max_entries", l.intentCacheMaxEntries(), 0);
    if (l.maxIndexLag() < 1) {
      throw new ConfigException("limits.max_index_lag", "must be at least 1");
    }
  }

  private static void proxy(ConfigFile.Proxy p) {
    url("proxy.upstream_url", p.upstreamUrl());
    url("proxy.anthropic_upstream_url", p.anthropicUpstreamUrl());
    if (p.extractUrl() != null) {
      url("proxy.extract_url", p.extractUrl());
    }
    unit("proxy.max_memory_pct", p.maxMemoryPct());
    unit("proxy.min_recall_score", p.minRecallScore());
    if (p.minChannelScore() != null) {
      unit("proxy.min_channel_score", p.minChannelScore());
    }
    if (p.diversityFactor() != null) {
      unit("proxy.diversity_factor", p.diversityFactor());
    }
    oneOf("proxy.extract_provider", p.extractProvider(), List.of("openai", "claude", "ollama"));
    oneOf("proxy.memory_coprocessor", p.memoryCoprocessor(), List.of("off", "local_heuristic"));
    oneOf("proxy.default_memory_mode", p.defaultMemoryMode(),
        List.of("full", "readonly", "writeonly", "after", "off"));
    range("proxy.upstream_timeout_secs", p.upstreamTimeoutSecs(), 1, 3600);
    for (int i = 0; i < p.keyMapping().size(); i++) {
      ConfigFile.KeyMapping k = p.keyMapping().get(i);
      nonEmpty("proxy.key_mapping[" + i + "].proxy_key", k.proxyKey());
      namespace("proxy.key_mapping[" + i + "].namespace", k.namespace());
    }
    p.modelContextSizes().forEach((model, size) -> {
      if (size == null || size <= 0) {
        throw new ConfigException("proxy.model_context_sizes." + model, "must be positive");
      }
    });
    if (p.memoryAfterDate() != null) {
      try {
        LocalDate.parse(p.memoryAfterDate());
      } catch (DateTimeParseException notADate) {
        try {
          Instant.parse(p.memoryAfterDate());
        } catch (DateTimeParseException e) {
          throw new ConfigException("proxy.memory_after_date",
              "expected YYYY-MM-DD or an RFC 3339 timestamp");
        }
      }
    }
  }

  private static void cluster(ConfigFile f) {
    ConfigFile.Cluster c = f.cluster();
    range("cluster.port", c.port(), 0, 65535);
    nonEmpty("cluster.host", c.host());
    for (int i = 0; i < c.seedNodes().size(); i++) {
      if (!SEED.matcher(c.seedNodes().get(i)).matches()) {
        throw new ConfigException("cluster.seed_nodes[" + i + "]",
            "expected pekko://memoryoss@host:port");
      }
    }
    for (int i = 0; i < c.roles().size(); i++) {
      oneOf("cluster.roles[" + i + "]", c.roles().get(i),
          List.of(ConfigFile.Cluster.GATEWAY, ConfigFile.Cluster.SHARD));
    }
    if (c.certsDir() != null && !com.memoryoss.cli.cluster.ClusterPki.holdsNodeFiles(
        java.nio.file.Path.of(c.certsDir()))) {
      throw new ConfigException("cluster.certs_dir", c.certsDir() + " does not hold "
          + "keystore.p12, truststore.p12 and password (make them with `memoryoss cluster certs`)");
    }
    if (!c.multiNode()) {
      if (!c.roles().contains(ConfigFile.Cluster.SHARD)) {
        throw new ConfigException("cluster.roles", "a single node must host namespaces (shard)");
      }
      return;
    }
    multiNodeNeeds("storage.journal", f.storage().journal().equals("postgres"),
        "must be postgres: every node reads and writes the same journal");
    multiNodeNeeds("encryption.master_key", f.encryption().masterKey() != null
        || f.encryption().masterKeyFile() != null,
        "must be set (master_key or master_key_file), the same on every node: a namespace may"
            + " move to any node and must be decryptable there");
    multiNodeNeeds("auth.jwt_secret", f.auth().jwtSecret() != null,
        "must be set, the same on every node, so a token minted by one node is valid on all");
    multiNodeNeeds("cluster.certs_dir", c.certsDir() != null,
        "must name this node's certificates from `memoryoss cluster certs`: nodes admit only"
            + " peers whose certificate the cluster CA signed");
    multiNodeNeeds("cluster.port", c.port() != 0,
        "must be fixed: other nodes reach this one at the port named in their seed_nodes");
    multiNodeNeeds("cluster.host", !c.host().equals("0.0.0.0") && !c.host().equals("::"),
        "must be an address other nodes can reach, not a wildcard");
  }

  private static void multiNodeNeeds(String key, boolean ok, String why) {
    if (!ok) {
      throw new ConfigException(key, "with cluster.seed_nodes set, " + why);
    }
  }

  private static void namespace(String key, String ns) {
    if (ns == null || !NAMESPACE.matcher(ns).matches()) {
      throw new ConfigException(key, "must be 1..128 letters, digits, '-' or '_'");
    }
  }

  private static void url(String key, String value) {
    try {
      URI u = URI.create(value);
      if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
          || u.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, "must be an http(s) URL (got \"" + value + "\")");
    }
  }

  private static void nonEmpty(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(key, "must not be empty");
    }
  }

  private static void oneOf(String key, String value, List<String> allowed) {
    oneOf(key, value, allowed, "");
  }

  private static void oneOf(String key, String value, List<String> allowed, String note) {
    if (value == null || !allowed.contains(value)) {
      throw new ConfigException(key, "must be one of " + String.join(", ", allowed)
          + " (got " + (value == null ? "nothing" : "\"" + value + "\"") + ")" + note);
    }
  }

  private static void range(String key, Integer v, int lo, int hi) {
    if (v < lo || v > hi) {
      throw new ConfigException(key, "must be between " + lo + " and " + hi + " (got " + v + ")");
    }
  }

  private static void atLeast(String key, Integer v, int lo) {
    if (v < lo) {
      throw new ConfigException(key, "must be at least " + lo + " (got " + v + ")");
    }
  }

  private static void unit(String key, Double v) {
    if (v == null || v.isNaN() || v < 0 || v > 1) {
      throw new ConfigException(key, "must be between 0.0 and 1.0 (got " + v + ")");
    }
  }
}
