package com.memoryoss.gateway.memory;

import com.memoryoss.gateway.auth.Authenticator;
import com.memoryoss.gateway.auth.Claims;
import com.memoryoss.gateway.auth.RateLimiter;
import com.memoryoss.gateway.auth.Role;
import com.memoryoss.gateway.http.ApiDirectives;
import com.memoryoss.gateway.http.Errors;
import com.memoryoss.protocol.api.Caller;
import com.memoryoss.protocol.api.ForgetRequest;
import com.memoryoss.protocol.api.HealthResponse;
import com.memoryoss.protocol.api.ListRequest;
import com.memoryoss.protocol.api.MemoryService;
import com.memoryoss.protocol.api.RecallBatchRequest;
import com.memoryoss.protocol.api.RecallRequest;
import com.memoryoss.protocol.api.StoreBatchRequest;
import com.memoryoss.protocol.api.StoreRequest;
import com.memoryoss.protocol.api.TokenRequest;
import com.memoryoss.protocol.api.TokenResponse;
import com.memoryoss.protocol.api.UpdateRequest;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The memory API under {@code /v1} and {@code /health}. Each route authenticates, checks role and
 * namespace scope, and hands the request to the {@link MemoryService}; nothing else happens here.
 */
public final class MemoryRoutes extends ApiDirectives {
  private final MemoryService memory;
  private final String memoryMode;

  public MemoryRoutes(
      MemoryService memory,
      Authenticator auth,
      RateLimiter limiter,
      long maxBodyBytes,
      String memoryMode) {
    super(auth, limiter, maxBodyBytes);
    this.memory = memory;
    this.memoryMode = memoryMode;
  }

  public Route routes() {
    return concat(
        path("health", () -> get(this::health)),
        pathPrefix("v1", () -> concat(
            path(PathMatchers.segment("auth").slash("token"), () -> post(this::token)),
            path("store", () -> post(() -> as(Role.WRITER, c -> jsonRequest(StoreRequest.class,
                r -> {
                  inScope(c, r.namespace());
                  return memory.store(caller(c), r);
                })))),
            path(PathMatchers.segment("store").slash("batch"), () -> post(() -> as(Role.WRITER,
                c -> jsonRequest(StoreBatchRequest.class, r -> {
                  if (r.memories() != null) {
                    r.memories().forEach(m -> inScope(c, m == null ? null : m.namespace()));
                  }
                  return memory.storeBatch(caller(c), r);
                })))),
            path("recall", () -> post(() -> as(Role.READER, c -> jsonRequest(RecallRequest.class,
                r -> {
                  inScope(c, r.namespace());
                  return memory.recall(caller(c), r);
                })))),
            path(PathMatchers.segment("recall").slash("batch"), () -> post(() -> as(Role.READER,
                c -> jsonRequest(RecallBatchRequest.class, r -> {
                  if (r.queries() != null) {
                    r.queries().forEach(q -> inScope(c, q == null ? null : q.namespace()));
                  }
                  return memory.recallBatch(caller(c), r);
                })))),
            path("update", () -> patch(() -> as(Role.WRITER, c -> jsonRequest(UpdateRequest.class,
                r -> {
                  inScope(c, r.namespace());
                  return memory.update(caller(c), r);
                })))),
            path("forget", () -> delete(() -> as(Role.ADMIN, c -> jsonRequest(ForgetRequest.class,
                r -> {
                  inScope(c, r.namespace());
                  return memory.forget(caller(c), r);
                })))),
            path("feedback", () -> post(() -> as(Role.WRITER, c -> jsonRequest(
                com.memoryoss.protocol.api.FeedbackRequest.class, r -> {
                  inScope(c, r.namespace());
                  return memory.feedback(caller(c), r);
                })))),
            path("consolidate", () -> post(() -> as(Role.ADMIN, c -> jsonRequest(
                com.memoryoss.protocol.api.ConsolidateRequest.class, r -> {
                  inScope(c, r.namespace());
                  return memory.consolidate(caller(c), r);
                })))),
            path("memories", () -> get(() -> as(Role.READER, this::list))),
            path(PathMatchers.segment("inspect").slash(PathMatchers.segment()),
                id -> get(() -> as(Role.READER, c -> byId(id, u -> memory.inspect(caller(c), u))))),
            path(PathMatchers.segment("peek").slash(PathMatchers.segment()),
                id -> get(() -> as(Role.READER, c -> byId(id, u -> memory.peek(caller(c), u))))),
            path("export", () -> get(() -> as(Role.READER, c ->
                parameterOptional("namespace", ns -> respond(() -> {
                  inScope(c, ns.orElse(null));
                  return memory.export(caller(c));
                }))))))));
  }

  private Route as(Role role, Function<Claims, Route> inner) {
    return authenticated(c -> requireRole(c, role, () -> rateLimited(c.subject(),
        () -> inner.apply(c))));
  }

  private Route health() {
    return optionalHeaderValueByName("Authorization", header -> {
      Optional<Claims> claims = claimsOf(header);
      if (claims.isEmpty()) {
        return respond(() -> CompletableFuture.completedFuture(
            new HealthResponse("ok", memoryMode, null)));
      }
      return respond(() -> memory.count(caller(claims.get()))
          .thenApply(n -> new HealthResponse("ok", memoryMode, n)));
    });
  }

  private Route token() {
    return extractClientIP(ip -> rateLimited("token:" + ip.getAddress().map(a -> a.getHostAddress())
        .orElse("unknown"), () -> jsonRequest(TokenRequest.class, r -> {
          var key = r.apiKey() == null ? Optional.<com.memoryoss.gateway.auth.ApiKey>empty()
              : auth.apiKey(r.apiKey());
          if (key.isEmpty()) {
            throw new com.memoryoss.protocol.MemoryException(
                com.memoryoss.protocol.Rejection.UNAUTHORIZED, "invalid API key");
          }
          return CompletableFuture.completedFuture(
              new TokenResponse(auth.issue(key.get()), auth.expirySeconds()));
        })));
  }

  private Route list(Claims c) {
    return parameterOptional("namespace", ns -> parameterOptional("agent", agent ->
        parameterOptional("session", session -> parameterOptional("limit", limit ->
            parameterOptional("cursor", cursor -> respond(() -> {
              inScope(c, ns.orElse(null));
              Integer n;
              try {
                n = limit.map(Integer::parseInt).orElse(null);
              } catch (NumberFormatException e) {
                throw com.memoryoss.protocol.MemoryException.invalid(
                    "limit must be a number");
              }
              return memory.list(caller(c), new ListRequest(c.namespace(), agent.orElse(null),
                  session.orElse(null), n, cursor.orElse(null)));
            }))))));
  }

  private Route byId(String id, Function<UUID, java.util.concurrent.CompletionStage<?>> f) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return complete(Errors.json(StatusCodes.BAD_REQUEST, "invalid UUID"));
    }
    return respond(() -> f.apply(uuid));
  }

  private static Caller caller(Claims c) {
    return new Caller(c.namespace(), c.subject());
  }
}
