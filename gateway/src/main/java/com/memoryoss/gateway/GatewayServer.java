package com.memoryoss.gateway;

import com.memoryoss.gateway.http.TlsContexts;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.ServerBuilder;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Binds the gateway and unbinds it gracefully on shutdown. Nothing else.
 */
public final class GatewayServer {
  private GatewayServer() {}

  /**
   * Binds {@code route} on the configured address (HTTPS when TLS is configured).
   *
   * @return the binding; fails if the port is taken or the TLS material is unusable
   */
  public static CompletionStage<ServerBinding> start(
      Route route, GatewaySettings settings, ActorSystem<?> system) {
    ServerBuilder builder = Http.get(system).newServerAt(settings.host(), settings.port());
    if (settings.tls() != null) {
      builder = builder.enableHttps(TlsContexts.server(settings.tls()));
    }
    return builder.bind(route).thenApply(binding -> {
      binding.addToCoordinatedShutdown(Duration.ofSeconds(10), system);
      return binding;
    });
  }

  /** Stops accepting, lets in-flight requests finish (up to the deadline). */
  public static CompletionStage<Done> stop(ServerBinding binding) {
    return binding.terminate(Duration.ofSeconds(5)).thenApply(t -> Done.getInstance());
  }
}
