package com.memoryoss.cli.node;

import com.memoryoss.cli.config.ConfigFile;
import com.memoryoss.extractor.ExchangeSink;
import com.memoryoss.gateway.GatewayRoutes;
import com.memoryoss.gateway.GatewayServer;
import com.memoryoss.gateway.GatewaySettings;
import com.memoryoss.gateway.auth.Authenticator;
import com.memoryoss.gateway.auth.RateLimiter;
import com.memoryoss.gateway.core.CoreRoutes;
import com.memoryoss.client.HttpMemoryService;
import com.memoryoss.client.MemoryEndpoint;
import com.memoryoss.gateway.metrics.Metrics;
import com.memoryoss.gateway.metrics.MetricsRoutes;
import com.memoryoss.gateway.proxy.ProxyRoutes;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hybrid mode ({@code server.hybrid_mode = true}): this process is the public gateway — proxy,
 * auth, fail-open — and the memory core runs as a supervised child process on {@code
 * 127.0.0.1:core_port}. If the core dies, hangs or fails, proxied requests still reach the
 * upstream (without memory, marked by {@code x-memory-gate-decision: unavailable}), the memory
 * API answers 503, and the child is restarted; memory resumes by itself once it is back.
 */
public final class HybridGateway {
  /** Environment variable carrying the gateway's credential towards its core. */
  public static final String TOKEN_ENV = "MEMORYOSS_INTERNAL_TOKEN";
  private static final Logger LOG = LoggerFactory.getLogger(HybridGateway.class);

  private HybridGateway() {}

  public static void run(ConfigFile cfg, Path configFile, String version) {
    Path dataDir = Path.of(cfg.storage().dataDir()).toAbsolutePath().normalize();
    Node.createPrivateDir(dataDir);
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    String token = HexFormat.of().formatHex(raw);
    int corePort = cfg.server().corePort() != null ? cfg.server().corePort()
        : cfg.server().port() < 65535 ? cfg.server().port() + 1 : cfg.server().port() - 1;

    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "memoryoss-gateway",
        ConfigFactory.parseString("pekko.actor.provider = local")
            .withFallback(ConfigFactory.load()));
    CoreProcess core = new CoreProcess(configFile, token);
    core.start();
    Runtime.getRuntime().addShutdownHook(new Thread(core::stop, "core-stop"));

    String coreBase = "http://127.0.0.1:" + corePort;
    HttpMemoryService memory = new HttpMemoryService(
        MemoryEndpoint.core(java.net.URI.create(coreBase), token, Duration.ofSeconds(10)));
    Authenticator auth = Node.authenticator(cfg, dataDir, false, null);
    boolean tls = cfg.tls().enabled();
    GatewaySettings gw = new GatewaySettings(cfg.server().host(), cfg.server().port(),
        tls ? Node.tlsSettings(cfg, dataDir) : null, cfg.limits().rateLimitPerSec(),
        GatewaySettings.DEFAULT_MAX_BODY, cfg.proxy().defaultMemoryMode());
    RateLimiter limiter = new RateLimiter(gw.rateLimitPerSec());
    Metrics metrics = new Metrics();
    ExchangeSink extraction = Extraction.start(cfg, memory,
        org.apache.pekko.stream.Materializer.createMaterializer(system), metrics);
    var route = new GatewayRoutes(List.of(
        new MetricsRoutes(metrics, auth, limiter).routes(),
        new ProxyRoutes(Node.proxySettings(cfg), memory, extraction, limiter, system, metrics)
            .routes(),
        new CoreRoutes(system, coreBase, gw.memoryMode()).routes()), tls).route();
    ServerBinding binding = GatewayServer.start(route, gw, system).toCompletableFuture().join();
    LOG.info("memoryOSS {} gateway listening on {}://{}:{} (hybrid mode; core on {})", version,
        tls ? "https" : "http", binding.localAddress().getHostString(),
        binding.localAddress().getPort(), coreBase);
    system.getWhenTerminated().toCompletableFuture().join();
    core.stop();
  }
}
