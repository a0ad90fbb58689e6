package com.memoryoss.gateway.admin;

import com.memoryoss.gateway.auth.Authenticator;
import com.memoryoss.gateway.auth.Claims;
import com.memoryoss.gateway.auth.RateLimiter;
import com.memoryoss.gateway.auth.Role;
import com.memoryoss.gateway.http.ApiDirectives;
import com.memoryoss.protocol.api.Caller;
import com.memoryoss.protocol.api.DecayRequest;
import com.memoryoss.protocol.api.MemoryService;
import com.memoryoss.protocol.api.RecallRequest;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Operator views and jobs under {@code /v1/admin}: query-explain (reader, as the original),
 * index-health, migrate-embeddings and decay (admin). All are confined to the caller's
 * namespace.
 */
public final class AdminRoutes extends ApiDirectives {
  private final MemoryService memory;

  public AdminRoutes(
      MemoryService memory, Authenticator auth, RateLimiter limiter, long maxBodyBytes) {
    super(auth, limiter, maxBodyBytes);
    this.memory = memory;
  }

  public Route routes() {
    return pathPrefix("v1", () -> pathPrefix("admin", () -> concat(
        path("query-explain", () -> post(() -> as(Role.READER, c ->
            jsonRequest(RecallRequest.class, r -> {
              inScope(c, r.namespace());
              return memory.explain(caller(c), r);
            })))),
        path("migrate-embeddings", () -> post(() -> as(Role.ADMIN, c ->
            jsonRequest(MigrateRequest.class, r -> {
              inScope(c, r.namespace());
              return memory.migrateEmbeddings(caller(c), r.model());
            })))),
        path("decay", () -> post(() -> as(Role.ADMIN, c ->
            jsonRequest(DecayRequest.class, r -> {
              inScope(c, r.namespace());
              return memory.decay(caller(c), r);
            })))),
        path("index-health", () -> get(() -> as(Role.ADMIN, c ->
            parameterOptional("namespace", ns -> respond(() -> {
              inScope(c, ns.orElse(null));
              return memory.indexHealth(caller(c));
            }))))))));
  }

  /** Body of {@code POST /v1/admin/migrate-embeddings}. */
  record MigrateRequest(String model, String namespace) {}

  private Route as(Role role, Function<Claims, Route> inner) {
    return authenticated(c -> requireRole(c, role, () -> rateLimited(c.subject(),
        () -> inner.apply(c))));
  }

  private static Caller caller(Claims c) {
    return new Caller(c.namespace(), c.subject());
  }
}
