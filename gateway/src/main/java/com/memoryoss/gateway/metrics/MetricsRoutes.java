package com.memoryoss.gateway.metrics;

import com.memoryoss.gateway.auth.Authenticator;
import com.memoryoss.gateway.auth.RateLimiter;
import com.memoryoss.gateway.http.ApiDirectives;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /metrics}: Prometheus text for any authenticated caller. */
public final class MetricsRoutes extends ApiDirectives {
  private final Metrics metrics;

  public MetricsRoutes(Metrics metrics, Authenticator auth, RateLimiter limiter) {
    super(auth, limiter, 0);
    this.metrics = metrics;
  }

  public Route routes() {
    return path("metrics", () -> get(() -> authenticated(c -> complete(HttpResponse.create()
        .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, metrics.render()))))));
  }
}
