package com.memoryoss.cli.config;

import java.util.List;
import java.util.Map;

/**
 * {@code memoryoss.toml} as written by users: the original's sections and keys, plus a few of our
 * own ({@code storage.journal}, {@code storage.postgres_*}, {@code encryption.master_key_file},
 * {@code [cluster]}). Missing keys take the defaults given here; {@link ConfigLoader} rejects
 * unknown keys and wrong types, and {@link ConfigValidator} impossible values.
 */
public record ConfigFile(
    Server server,
    Tls tls,
    Auth auth,
    Storage storage,
    Embeddings embeddings,
    Logging logging,
    Limits limits,
    Decompose decompose,
    Encryption encryption,
    Trust trust,
    Decay decay,
    Consolidation consolidation,
    Proxy proxy,
    Setup setup,
    Sharing sharing,
    Cluster cluster) {

  public ConfigFile {
    server = server == null ? new Server(null, null, null, null) : server;
    tls = tls == null ? new Tls(null, null, null, null, null) : tls;
    auth = auth == null ? new Auth(null, null, null, null) : auth;
    storage = storage == null ? new Storage(null, null, null, null, null, null, null) : storage;
    embeddings = embeddings == null ? new Embeddings(null, null) : embeddings;
    logging = logging == null ? new Logging(null, null) : logging;
    limits = limits == null
        ? new Limits(null, null, null, null, null, null, null, null, null, null, null, null)
        : limits;
    decompose = decompose == null ? new Decompose(null, null, null, null, null) : decompose;
    encryption = encryption == null
        ? new Encryption(null, null, null, null, null, null, null, null, null, null) : encryption;
    trust = trust == null ? new Trust(null, null, null) : trust;
    decay = decay == null ? new Decay(null, null, null) : decay;
    consolidation = consolidation == null
        ? new Consolidation(null, null, null, null) : consolidation;
    proxy = proxy == null ? Proxy.DEFAULTS : proxy;
    setup = setup == null ? new Setup(null, null, null, null, null) : setup;
    sharing = sharing == null ? new Sharing(null, null, null, null) : sharing;
    cluster = cluster == null ? new Cluster(null, null, null) : cluster;
  }

  /** An empty file: every default. */
  public static ConfigFile defaults() {
    return new ConfigFile(null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null);
  }

  public record Server(String host, Integer port, Boolean hybridMode, Integer corePort) {
    public Server {
      host = host == null ? "127.0.0.1" : host;
      port = port == null ? 8000 : port;
      hybridMode = hybridMode != null && hybridMode;
    }
  }

  public record Tls(
      Boolean enabled, String certPath, String keyPath, Boolean autoGenerate,
      String clientCaPath) {
    public Tls {
      enabled = enabled == null || enabled;
      autoGenerate = autoGenerate == null || autoGenerate;
    }
  }

  public record ApiKeyEntry(String key, String role, String namespace) {
    public ApiKeyEntry {
      namespace = namespace == null ? "default" : namespace;
    }
  }

  public record Auth(
      List<ApiKeyEntry> apiKeys, String jwtSecret, Long jwtExpirySecs, String auditHmacSecret) {
    public Auth {
      apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
      jwtExpirySecs = jwtExpirySecs == null ? 3600L : jwtExpirySecs;
    }
  }

  /**
   * @param journal {@code sqlite} (default, a file under {@code data_dir}) or {@code postgres}
   * @param passivateAfterSecs idle namespaces are stopped (and their memory freed) after this
   */
  public record Storage(
      String dataDir,
      String journal,
      String postgresUrl,
      String postgresUser,
      String postgresPassword,
      Integer passivateAfterSecs,
      Integer snapshotMinEvents) {
    public Storage {
      dataDir = dataDir == null ? "data" : dataDir;
      journal = journal == null ? "sqlite" : journal;
      passivateAfterSecs = passivateAfterSecs == null ? 300 : passivateAfterSecs;
      snapshotMinEvents = snapshotMinEvents == null ? 1000 : snapshotMinEvents;
    }
  }

  /**
   * @param model {@code e5-small-v2} (default: best on our evaluation), {@code all-minilm-l6-v2}
   *     (the original's), or {@code none} for lexical recall only
   * @param threads ONNX Runtime intra-op threads per model (ours)
   */
  public record Embeddings(String model, Integer threads) {
    public Embeddings {
      model = model == null ? "e5-small-v2" : model;
      threads = threads == null ? 2 : threads;
    }
  }

  public record Logging(String level, Boolean json) {
    public Logging {
      level = level == null ? "info" : level;
      json = json != null && json;
    }
  }

  public record Limits(
      Integer maxContentBytes,
      Integer maxTags,
      Integer maxTagLength,
      Double rateLimitPerSec,
      Integer maxNamespaceLength,
      Long embeddingCacheTtlSecs,
      Integer embeddingCacheMaxSize,
      Integer groupCommitBatchSize,
      Long groupCommitFlushMs,
      Long intentCacheTtlSecs,
      Integer intentCacheMaxEntries,
      Long maxIndexLag) {
    public Limits {
      maxContentBytes = maxContentBytes == null ? 32_768 : maxContentBytes;
      maxTags = maxTags == null ? 50 : maxTags;
      maxTagLength = maxTagLength == null ? 256 : maxTagLength;
      rateLimitPerSec = rateLimitPerSec == null ? 100.0 : rateLimitPerSec;
      maxNamespaceLength = maxNamespaceLength == null ? 128 : maxNamespaceLength;
      embeddingCacheTtlSecs = embeddingCacheTtlSecs == null ? 300L : embeddingCacheTtlSecs;
      embeddingCacheMaxSize = embeddingCacheMaxSize == null ? 10_000 : embeddingCacheMaxSize;
      groupCommitBatchSize = groupCommitBatchSize == null ? 100 : groupCommitBatchSize;
      groupCommitFlushMs = groupCommitFlushMs == null ? 10L : groupCommitFlushMs;
      intentCacheTtlSecs = intentCacheTtlSecs == null ? 60L : intentCacheTtlSecs;
      intentCacheMaxEntries = intentCacheMaxEntries == null ? 5000 : intentCacheMaxEntries;
      maxIndexLag = maxIndexLag == null ? 1000L : maxIndexLag;
    }
  }

  public record Decompose(
      String provider, String apiKey, String model, String endpoint, Integer tokenBudget) {}

  /**
   * @param masterKeyFile where the local master key lives (default {@code <data_dir>/master.key})
   * @param masterKey the master key itself (64 hex characters or base64); env {@code
   *     MEMORYOSS_MASTER_KEY} wins
   */
  public record Encryption(
      String provider,
      String keyId,
      String region,
      String vaultAddress,
      String vaultToken,
      String vaultMount,
      String vaultKeyName,
      Long gracePeriodSecs,
      String masterKeyFile,
      String masterKey) {
    public Encryption {
      provider = provider == null ? "local" : provider;
    }
  }

  public record Trust(
      Double threshold, Double semanticDedupThreshold, Map<String, List<String>> ipAllowlists) {
    public Trust {
      threshold = threshold == null ? 0.3 : threshold;
      semanticDedupThreshold = semanticDedupThreshold == null ? 0.95 : semanticDedupThreshold;
      ipAllowlists = ipAllowlists == null ? Map.of() : Map.copyOf(ipAllowlists);
    }
  }

  public record Decay(String strategy, Integer afterDays, Boolean enabled) {
    public Decay {
      strategy = strategy == null ? "age" : strategy;
      afterDays = afterDays == null ? 90 : afterDays;
      enabled = enabled != null && enabled;
    }
  }

  public record Consolidation(
      Boolean enabled, Integer intervalMinutes, Double threshold, Integer maxClusters) {
    public Consolidation {
      enabled = enabled != null && enabled;
      intervalMinutes = intervalMinutes == null ? 60 : intervalMinutes;
      threshold = threshold == null ? 0.9 : threshold;
      maxClusters = maxClusters == null ? 25 : maxClusters;
    }
  }

  public record KeyMapping(String proxyKey, String upstreamKey, String namespace) {
    public KeyMapping {
      namespace = namespace == null ? "default" : namespace;
    }
  }

  public record Proxy(
      Boolean enabled,
      String upstreamUrl,
      String upstreamApiKey,
      String extractModel,
      String extractProvider,
      String extractApiKey,
      String extractUrl,
      Double maxMemoryPct,
      Double minRecallScore,
      List<KeyMapping> keyMapping,
      Map<String, Long> modelContextSizes,
      Boolean privacyMode,
      String anthropicApiKey,
      String anthropicUpstreamUrl,
      Boolean extractionEnabled,
      Boolean allowClientMemoryControl,
      Boolean passthroughAuth,
      Boolean passthroughLocalOnly,
      Double minChannelScore,
      Double diversityFactor,
      Boolean confidenceGate,
      Boolean identifierFirstRouting,
      Boolean primitiveAlgebra,
      String memoryCoprocessor,
      String defaultMemoryMode,
      String memoryAfterDate,
      Integer upstreamTimeoutSecs) {

    static final Proxy DEFAULTS = new Proxy(null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null);

    public Proxy {
      enabled = enabled != null && enabled;
      upstreamUrl = upstreamUrl == null ? "https://api.openai.com/v1" : upstreamUrl;
      extractModel = extractModel == null ? "gpt-4o-mini" : extractModel;
      extractProvider = extractProvider == null ? "openai" : extractProvider;
      maxMemoryPct = maxMemoryPct == null ? 0.10 : maxMemoryPct;
      minRecallScore = minRecallScore == null ? 0.40 : minRecallScore;
      keyMapping = keyMapping == null ? List.of() : List.copyOf(keyMapping);
      modelContextSizes = modelContextSizes == null ? Map.of() : Map.copyOf(modelContextSizes);
      privacyMode = privacyMode == null || privacyMode;
      anthropicUpstreamUrl = anthropicUpstreamUrl == null
          ? "https://api.anthropic.com/v1/messages" : anthropicUpstreamUrl;
      extractionEnabled = extractionEnabled == null || extractionEnabled;
      allowClientMemoryControl = allowClientMemoryControl == null || allowClientMemoryControl;
      passthroughAuth = passthroughAuth != null && passthroughAuth;
      passthroughLocalOnly = passthroughLocalOnly == null || passthroughLocalOnly;
      confidenceGate = confidenceGate == null || confidenceGate;
      identifierFirstRouting = identifierFirstRouting == null || identifierFirstRouting;
      primitiveAlgebra = primitiveAlgebra != null && primitiveAlgebra;
      memoryCoprocessor = memoryCoprocessor == null ? "off" : memoryCoprocessor;
      defaultMemoryMode = defaultMemoryMode == null ? "full" : defaultMemoryMode;
      upstreamTimeoutSecs = upstreamTimeoutSecs == null ? 300 : upstreamTimeoutSecs;
    }
  }

  public record Setup(
      String profile, String teamId, String teamLabel, String teamCatalogId,
      String teamManifestPath) {
    public Setup {
      profile = profile == null ? "auto" : profile;
    }
  }

  public record Sharing(
      Boolean enabled, Boolean allowPrivateWebhooks, Integer maxGrants,
      Integer maxSharedNamespaces) {}

  /**
   * Our own section: how this node joins a Pekko cluster. With no seed nodes it joins itself (the
   * single-node default).
   *
   * @param seedNodes {@code pekko://memoryoss@host:port} of the nodes a starting node contacts
   * @param host the address other nodes reach this node's remoting on
   * @param port Pekko remoting port; 0 picks a free one (fine for a single node)
   * @param certsDir a node directory written by {@code memoryoss cluster certs}; without it a
   *     node makes its own certificate that no other node trusts (single node only)
   * @param roles {@value #GATEWAY} serves HTTP, {@value #SHARD} hosts namespaces; both by default
   */
  public record Cluster(
      List<String> seedNodes, String host, Integer port, String certsDir, List<String> roles) {
    public static final String GATEWAY = "gateway";
    public static final String SHARD = "shard";

    public Cluster {
      seedNodes = seedNodes == null ? List.of() : List.copyOf(seedNodes);
      host = host == null ? "127.0.0.1" : host;
      port = port == null ? 0 : port;
      roles = roles == null || roles.isEmpty() ? List.of(GATEWAY, SHARD) : List.copyOf(roles);
    }

    public Cluster(List<String> seedNodes, String host, Integer port) {
      this(seedNodes, host, port, null, null);
    }

    /** True when this node is configured to form a cluster with others. */
    public boolean multiNode() {
      return !seedNodes.isEmpty();
    }
  }
}
