package com.memoryoss.gateway.http;

import com.memoryoss.gateway.auth.Authenticator;
import com.memoryoss.gateway.auth.Claims;
import com.memoryoss.gateway.auth.RateLimiter;
import com.memoryoss.gateway.auth.Role;
import com.memoryoss.protocol.Rejection;
import com.memoryoss.protocol.api.InternalApi;
import com.memoryoss.protocol.MemoryException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Directives shared by the API route classes: bearer authentication, role and namespace checks,
 * rate limiting, strict JSON bodies, and turning a service stage into a response.
 */
public abstract class ApiDirectives extends AllDirectives {
  private static final String BEARER = "Bearer ";
  private static final long STRICT_TIMEOUT_MS = 30_000;
  /** Who every request is in dev mode without keys on loopback. */
  private static final Claims DEV = new Claims("dev", Role.ADMIN, "default");

  protected final Authenticator auth;
  protected final RateLimiter limiter;
  private final long maxBodyBytes;

  protected ApiDirectives(Authenticator auth, RateLimiter limiter, long maxBodyBytes) {
    this.auth = auth;
    this.limiter = limiter;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The caller's claims, or a 401. */
  protected Route authenticated(Function<Claims, Route> inner) {
    return optionalHeaderValueByName("Authorization", header ->
        optionalHeaderValueByName(InternalApi.NAMESPACE_HEADER, ns ->
        optionalHeaderValueByName(InternalApi.SUBJECT_HEADER, sub -> {
      Optional<Claims> claims = claimsOf(header, ns, sub);
      if (claims.isPresent()) {
        return inner.apply(claims.get());
      }
      if (!auth.hasKeys() && !auth.devBypass()) {
        return complete(Errors.json(StatusCodes.UNAUTHORIZED,
            "no API keys configured — add [[auth.api_keys]] to the config, or run `memoryoss dev`"));
      }
      return complete(Errors.json(StatusCodes.UNAUTHORIZED,
          header.isEmpty() ? "missing Authorization: Bearer <token> header"
              : "invalid or expired token"));
    })));
  }

  /**
   * Only the hybrid gateway's internal token, acting for the namespace it names: for the core's
   * internal routes, which no API key reaches.
   */
  protected Route internalCaller(Function<Claims, Route> inner) {
    return optionalHeaderValueByName("Authorization", header ->
        optionalHeaderValueByName(InternalApi.NAMESPACE_HEADER, ns ->
            optionalHeaderValueByName(InternalApi.SUBJECT_HEADER, subject -> {
              boolean internal = header.filter(h -> h.startsWith(BEARER))
                  .map(h -> auth.isInternal(h.substring(BEARER.length()).strip()))
                  .orElse(false);
              Optional<Claims> claims = internal ? claimsOf(header, ns, subject)
                  : Optional.empty();
              return claims.map(inner).orElseGet(() -> complete(Errors.json(
                  StatusCodes.UNAUTHORIZED, "internal routes need the gateway's internal token")));
            })));
  }

  /** Claims of an {@code Authorization} header value, if it authenticates. */
  protected Optional<Claims> claimsOf(Optional<String> header) {
    return claimsOf(header, Optional.empty(), Optional.empty());
  }

  private Optional<Claims> claimsOf(Optional<String> header, Optional<String> namespace,
      Optional<String> subject) {
    if (header.isPresent() && header.get().startsWith(BEARER)) {
      String token = header.get().substring(BEARER.length()).strip();
      if (auth.isInternal(token)) {
        // The hybrid gateway acts for the namespace its (authenticated) caller belongs to.
        return namespace.filter(ns -> ns.matches("[A-Za-z0-9_-]{1,128}"))
            .map(ns -> new Claims(subject.orElse("gateway"), Role.ADMIN, ns));
      }
      if (!auth.devBypass()) {
        return auth.authenticate(token);
      }
    }
    return auth.devBypass() ? Optional.of(DEV) : Optional.empty();
  }

  /** 403 unless the caller holds at least {@code role}. */
  protected Route requireRole(Claims claims, Role role, Supplier<Route> inner) {
    if (!claims.role().atLeast(role)) {
      return complete(Errors.json(StatusCodes.FORBIDDEN,
          "this action requires the " + role.wireName() + " role"));
    }
    return inner.get();
  }

  /** 429 when the caller is over its rate. */
  protected Route rateLimited(String caller, Supplier<Route> inner) {
    long wait = limiter.acquire(caller);
    return wait == 0 ? inner.get() : complete(Errors.rateLimited(wait));
  }

  /**
   * Checks that a namespace named by a request is the caller's own.
   *
   * @throws MemoryException FORBIDDEN otherwise
   */
  protected static void inScope(Claims claims, String requested) {
    if (requested != null && !requested.equals(claims.namespace())) {
      throw new MemoryException(Rejection.FORBIDDEN, "cannot access namespace outside your scope");
    }
  }

  /**
   * Reads a JSON body of {@code type} (at most the configured size; {@code application/json}
   * only) and completes with the handler's answer.
   */
  protected <T> Route jsonRequest(Class<T> type, Function<T, CompletionStage<?>> handler) {
    return extractMaterializer(mat -> extractRequestEntity(entity -> {
      if (!entity.getContentType().mediaType().equals(MediaTypes.APPLICATION_JSON)) {
        return complete(Errors.json(StatusCodes.UNSUPPORTED_MEDIA_TYPE,
            "unsupported media type: send Content-Type: application/json"));
      }
      // Small bodies usually arrive whole: skip materialising a stream for them.
      CompletionStage<byte[]> bytes =
          entity instanceof HttpEntity.Strict strict && strict.getData().size() <= maxBodyBytes
              ? CompletableFuture.completedFuture(strict.getData().toArray())
              : entity.withSizeLimit(maxBodyBytes).toStrict(STRICT_TIMEOUT_MS, mat)
                  .thenApply(s -> s.getData().toArray());
      CompletionStage<HttpResponse> response = bytes
          .thenCompose(b -> handler.apply(Json.read(b, type)))
          .thenApply(ApiDirectives::ok)
          .exceptionally(Errors::of);
      return completeWithFuture(response);
    }));
  }

  /** Completes with the stage's value as JSON, or its failure as a JSON error. */
  protected Route respond(Supplier<CompletionStage<?>> body) {
    CompletionStage<?> stage;
    try {
      stage = body.get();
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    return completeWithFuture(stage.thenApply(ApiDirectives::ok).exceptionally(Errors::of));
  }

  protected static HttpResponse ok(Object value) {
    return HttpResponse.create()
        .withStatus(StatusCodes.OK)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, Json.write(value)));
  }
}
