package com.memoryoss.gateway.core;

import com.memoryoss.gateway.auth.Authenticator;
import com.memoryoss.gateway.auth.Claims;
import com.memoryoss.gateway.auth.RateLimiter;
import com.memoryoss.gateway.http.ApiDirectives;
import com.memoryoss.protocol.api.Caller;
import com.memoryoss.protocol.api.InternalApi;
import com.memoryoss.protocol.api.MemoryService;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * A memory core's internal routes, for its hybrid gateway only: extraction's hand-off of learned
 * facts and the proxy's injection record. Mounted on a core and nowhere else; only the internal
 * token is accepted; bodies are validated by the memory service like every public request.
 */
public final class InternalRoutes extends ApiDirectives {
  private final MemoryService memory;

  public InternalRoutes(MemoryService memory, Authenticator auth, RateLimiter limiter,
      long maxBodyBytes) {
    super(auth, limiter, maxBodyBytes);
    this.memory = memory;
  }

  public Route routes() {
    return pathPrefix("v1", () -> pathPrefix("internal", () -> concat(
        path("learn", () -> post(() -> internalCaller(c ->
            jsonRequest(InternalApi.LearnRequest.class,
                r -> memory.learn(caller(c), r.facts(), r.source(), r.evidenceId()))))),
        path("injected", () -> post(() -> internalCaller(c ->
            jsonRequest(InternalApi.InjectedRequest.class,
                r -> memory.recordInjections(caller(c), r.ids())
                    .thenApply(InternalApi.InjectedResponse::new))))))));
  }

  private static Caller caller(Claims c) {
    return new Caller(c.namespace(), c.subject());
  }
}
