package com.memoryoss.cli.node;

import com.memoryoss.cli.config.ConfigException;
import com.memoryoss.cli.config.ConfigFile;
import com.memoryoss.gateway.GatewayRoutes;
import com.memoryoss.gateway.GatewayServer;
import com.memoryoss.gateway.GatewaySettings;
import com.memoryoss.gateway.auth.ApiKey;
import com.memoryoss.gateway.auth.Authenticator;
import com.memoryoss.gateway.auth.RateLimiter;
import com.memoryoss.gateway.auth.Role;
import com.memoryoss.gateway.memory.MemoryRoutes;
import com.memoryoss.extractor.ExchangeSink;
import com.memoryoss.gateway.admin.AdminRoutes;
import com.memoryoss.gateway.admin.ClusterRoutes;
import com.memoryoss.gateway.core.InternalRoutes;
import com.memoryoss.gateway.metrics.Metrics;
import com.memoryoss.gateway.metrics.MetricsRoutes;
import com.memoryoss.gateway.proxy.MemoryMode;
import com.memoryoss.gateway.proxy.ProxyRoutes;
import com.memoryoss.gateway.proxy.ProxySettings;
import com.memoryoss.gateway.source.SourceRoutes;
import com.memoryoss.indexer.FusionRanker;
import com.memoryoss.indexer.NamespaceIndex;
import com.memoryoss.indexer.QueryEmbeddingCache;
import com.memoryoss.indexer.RecallSettings;
import com.memoryoss.indexer.Recaller;
import com.memoryoss.indexer.TrustScorer;
import com.memoryoss.indexer.embed.Embedder;
import com.memoryoss.indexer.vector.InMemoryVectorIndex;
import com.memoryoss.shard.IndexFactory;
import com.memoryoss.protocol.api.Limits;
import com.memoryoss.protocol.api.MemoryService;
import com.memoryoss.protocol.api.RequestValidator;
import com.memoryoss.shard.JournalCompactor;
import com.memoryoss.shard.JournalSettings;
import com.memoryoss.shard.KeyStore;
import com.memoryoss.shard.MasterKey;
import com.memoryoss.shard.DecayPolicy;
import com.memoryoss.shard.NamespaceRuntime;
import com.memoryoss.shard.NamespaceSharding;
import com.memoryoss.shard.ShardedClusterView;
import com.memoryoss.shard.ShardedMemoryService;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: turns validated settings into a running node (journal, keys, sharded
 * namespaces, memory service, HTTP gateway) and tears it down on shutdown.
 */
public final class Node {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  /** How the node serves HTTP. */
  public enum Mode {
    /** TLS as configured; authentication always. */
    SERVE,
    /** Plain HTTP; no authentication when no keys are configured and the bind is loopback. */
    DEV,
    /**
     * Hybrid mode's memory core: plain HTTP on loopback, memory API only (the gateway process
     * serves the proxy), trusting the gateway's internal token.
     */
    CORE
  }

  private final ActorSystem<Void> system;
  private final ServerBinding binding;
  private final boolean tls;

  private Node(ActorSystem<Void> system, ServerBinding binding, boolean tls) {
    this.system = system;
    this.binding = binding;
    this.tls = tls;
  }

  /** The HTTP address, or null on a node that only hosts namespaces (no gateway role). */
  public InetSocketAddress address() {
    return binding == null ? null : binding.localAddress();
  }

  public String baseUrl() {
    if (binding == null) {
      return "(no HTTP: shard-only node)";
    }
    return (tls ? "https" : "http") + "://" + address().getHostString() + ":"
        + address().getPort();
  }

  public ActorSystem<Void> system() {
    return system;
  }

  /** Blocks until the node has shut down (SIGTERM, or {@link #stop}). */
  public void awaitTermination() {
    system.getWhenTerminated().toCompletableFuture().join();
  }

  public void stop() {
    system.terminate();
    awaitTermination();
  }

  /** Starts a node. Fails fast, with a message naming the problem, on any unusable setting. */
  public static Node start(ConfigFile cfg, Mode mode, String version) {
    boolean dev = mode == Mode.DEV;
    boolean core = mode == Mode.CORE;
    boolean tls = !dev && !core && cfg.tls().enabled();
    boolean noKeys = cfg.auth().apiKeys().isEmpty();
    if (dev && noKeys && !isLoopback(cfg.server().host())) {
      throw new ConfigException("server.host", "dev mode without API keys binds only to a loopback"
          + " address (got " + cfg.server().host() + "); configure [[auth.api_keys]] first");
    }
    Path dataDir = Path.of(cfg.storage().dataDir()).toAbsolutePath().normalize();
    createPrivateDir(dataDir);

    JournalSettings journal = journal(cfg, dataDir);
    journal.ensureSchema();
    MasterKey master = cfg.encryption().masterKey() != null
        ? MasterKey.fromValue(cfg.encryption().masterKey())
        : MasterKey.fromFile(cfg.encryption().masterKeyFile() != null
            ? Path.of(cfg.encryption().masterKeyFile()) : dataDir.resolve("master.key"));
    KeyStore keys = journal.openKeyStore();
    JournalCompactor compactor = journal.openCompactor();
    EmbedderPool embedders = new EmbedderPool(cfg.embeddings().threads());

    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "memoryoss",
        pekkoConfig(cfg, journal, dataDir));
    try {
      ClusterSetup.join(system, cfg.cluster());
      CoordinatedShutdown.get(system).addTask(
          CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "close-key-store", () -> {
            keys.close();
            compactor.close();
            embedders.close();
            return CompletableFuture.completedFuture(Done.getInstance());
          });

      Limits limits = new Limits(cfg.limits().maxContentBytes(), cfg.limits().maxTags(),
          cfg.limits().maxTagLength(), cfg.limits().maxNamespaceLength());
      TrustScorer trust = new TrustScorer(cfg.trust().threshold());
      Executor blocking = dispatcher(system, "memoryoss.shard.blocking-dispatcher");
      Executor graphs = dispatcher(system, "memoryoss.node.graph-dispatcher");
      String model = cfg.embeddings().model();
      NodeMetrics nodeMetrics = new NodeMetrics();
      IndexFactory indexes = id -> {
        if (id.equals(IndexFactory.NONE)) {
          return nodeMetrics.track(new NamespaceIndex(null, null));
        }
        Embedder e = embedders.get(id);
        return nodeMetrics.track(new NamespaceIndex(e, new InMemoryVectorIndex(e.dimensions(),
            graphs)));
      };
      if (!model.equals(IndexFactory.NONE)) {
        // Load the model now (about a second) rather than on the first request.
        CompletableFuture.runAsync(() -> embedders.get(model), blocking);
      }
      QueryEmbeddingCache queryCache = new QueryEmbeddingCache(
          cfg.limits().embeddingCacheMaxSize(), cfg.limits().embeddingCacheTtlSecs());
      Recaller recaller = new Recaller(
          new FusionRanker(RecallSettings.DEFAULTS, trust, queryCache), trust);
      Duration askTimeout = system.settings().config().getDuration("memoryoss.node.ask-timeout");
      // One attempt waits a third of the request's budget: an ask lost with a dead node is sent
      // again after its shard moved, within the same request.
      Duration attempt = askTimeout.dividedBy(3);
      NamespaceRuntime runtime = new NamespaceRuntime(keys, master, blocking,
          dispatcher(system, "memoryoss.node.indexing-dispatcher"),
          dispatcher(system, "memoryoss.node.recall-dispatcher"), indexes, model, recaller,
          RecallSettings.DEFAULTS.weights(), Clock.systemUTC(), cfg.limits().maxIndexLag(),
          attempt.minusMillis(500), cfg.storage().snapshotMinEvents(), compactor,
          DecayPolicy.of(cfg.decay().enabled(), cfg.decay().afterDays()));
      NamespaceSharding.init(system, runtime);

      MemoryService memory = new ShardedMemoryService(ClusterSharding.get(system),
          new RequestValidator(limits), trust, attempt, askTimeout, Clock.systemUTC(),
          queryCache);

      Authenticator auth = authenticator(cfg, dataDir, dev && noKeys,
          core ? System.getenv(HybridGateway.TOKEN_ENV) : null);
      GatewaySettings gw = new GatewaySettings(cfg.server().host(), cfg.server().port(),
          tls ? tlsSettings(cfg, dataDir) : null, cfg.limits().rateLimitPerSec(),
          GatewaySettings.DEFAULT_MAX_BODY, cfg.proxy().defaultMemoryMode());
      RateLimiter limiter = new RateLimiter(gw.rateLimitPerSec());
      Metrics metrics = new Metrics();
      nodeMetrics.register(metrics, queryCache);
      MemoryRoutes memoryRoutes = new MemoryRoutes(NodeMetrics.counting(memory, metrics), auth,
          limiter, gw.maxBodyBytes(), gw.memoryMode());
      AdminRoutes adminRoutes = new AdminRoutes(memory, auth, limiter, gw.maxBodyBytes());
      List<org.apache.pekko.http.javadsl.server.Route> areas = new java.util.ArrayList<>(List.of(
          memoryRoutes.routes(), adminRoutes.routes(),
          new MetricsRoutes(metrics, auth, limiter).routes(),
          new SourceRoutes(com.memoryoss.cli.Version.sourceUrl()).routes()));
      if (core) {
        areas.add(0, new InternalRoutes(memory, auth, limiter, gw.maxBodyBytes()).routes());
      } else {
        ExchangeSink extraction = Extraction.start(cfg, memory,
            org.apache.pekko.stream.Materializer.createMaterializer(system), metrics);
        areas.add(new ProxyRoutes(proxySettings(cfg), memory, extraction, limiter, system,
            metrics).routes());
      }
      areas.add(new ClusterRoutes(new ShardedClusterView(system), auth, limiter).routes());
      var route = new GatewayRoutes(areas, tls).route();
      ServerBinding binding = ClusterSetup.servesHttp(cfg.cluster())
          ? GatewayServer.start(route, gw, system).toCompletableFuture().join()
          : null;

      Node node = new Node(system, binding, tls);
      String authNote = dev && noKeys ? " (dev mode: no authentication, loopback only)"
          : noKeys ? " (no API keys configured: every memory API call is refused)" : "";
      LOG.info("memoryOSS {} listening on {}{}; data in {}", version, node.baseUrl(), authNote,
          dataDir);
      LOG.info("cluster remoting on {} (TLS 1.3, mutual authentication; roles {}; {})",
          org.apache.pekko.cluster.typed.Cluster.get(system).selfMember().address(),
          cfg.cluster().roles(), cfg.cluster().multiNode()
              ? "seed nodes " + cfg.cluster().seedNodes() : "a cluster of one");
      return node;
    } catch (RuntimeException e) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
      throw e;
    }
  }

  static ProxySettings proxySettings(ConfigFile cfg) {
    var p = cfg.proxy();
    return new ProxySettings(p.enabled(), p.upstreamUrl(), p.anthropicUpstreamUrl(),
        p.upstreamApiKey(), p.anthropicApiKey(),
        p.keyMapping().stream().map(k -> new ProxySettings.KeyMapping(k.proxyKey(),
            k.namespace(), k.upstreamKey())).toList(),
        p.passthroughAuth(), p.passthroughLocalOnly(),
        MemoryMode.parse(p.defaultMemoryMode()).orElse(MemoryMode.FULL),
        p.allowClientMemoryControl(),
        MemoryMode.parseDate(p.memoryAfterDate()).orElse(null), p.maxMemoryPct(),
        p.minRecallScore(), p.minChannelScore() == null ? 0.15 : p.minChannelScore(),
        p.diversityFactor() == null ? 0.3 : p.diversityFactor(), p.modelContextSizes(),
        p.extractionEnabled(), Duration.ofSeconds(p.upstreamTimeoutSecs()));
  }

  private static Executor dispatcher(ActorSystem<?> system, String path) {
    return system.dispatchers().lookup(DispatcherSelector.fromConfig(path));
  }

  private static JournalSettings journal(ConfigFile cfg, Path dataDir) {
    var s = cfg.storage();
    return s.journal().equals("postgres")
        ? new JournalSettings(JournalSettings.Kind.POSTGRES, dataDir, s.postgresUrl(),
            s.postgresUser(), s.postgresPassword())
        : JournalSettings.sqlite(dataDir);
  }

  private static Config pekkoConfig(ConfigFile cfg, JournalSettings journal, Path dataDir) {
    return ClusterSetup.pekkoConfig(cfg.cluster(), dataDir)
        .withValue("pekko.cluster.sharding.passivation.default-idle-strategy.idle-entity.timeout",
            ConfigValueFactory.fromAnyRef(cfg.storage().passivateAfterSecs() + "s"))
        .withValue("pekko.loglevel", ConfigValueFactory.fromAnyRef(
            cfg.logging().level().equals("trace") ? "DEBUG"
                : cfg.logging().level().toUpperCase(java.util.Locale.ROOT).replace("WARN",
                    "WARNING")))
        .withFallback(journal.pekkoConfig())
        .withFallback(ConfigFactory.load())
        .resolve();
  }

  static Authenticator authenticator(ConfigFile cfg, Path dataDir, boolean devBypass,
      String internalToken) {
    List<ApiKey> keys = cfg.auth().apiKeys().stream()
        .map(k -> new ApiKey(k.key(), Role.parse(k.role()), k.namespace()))
        .toList();
    String secret = cfg.auth().jwtSecret() != null ? cfg.auth().jwtSecret()
        : Secrets.loadOrCreate(dataDir.resolve("jwt.secret"));
    return new Authenticator(keys, secret, cfg.auth().jwtExpirySecs(), Clock.systemUTC(),
        devBypass, internalToken);
  }

  static GatewaySettings.Tls tlsSettings(ConfigFile cfg, Path dataDir) {
    var t = cfg.tls();
    return new GatewaySettings.Tls(
        t.certPath() == null ? null : Path.of(t.certPath()),
        t.keyPath() == null ? null : Path.of(t.keyPath()),
        dataDir.resolve("tls"),
        t.clientCaPath() == null ? null : Path.of(t.clientCaPath()));
  }

  static boolean isLoopback(String host) {
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  static void createPrivateDir(Path dir) {
    try {
      if (!Files.exists(dir)) {
        Files.createDirectories(dir);
        try {
          Files.setPosixFilePermissions(dir,
              java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
          // best effort on other file systems
        }
      }
    } catch (IOException e) {
      throw new ConfigException("storage.data_dir",
          "cannot create " + dir + ": " + e.getMessage());
    }
  }
}
