package com.memoryoss.gateway.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.JWTVerifier;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns a bearer token into {@link Claims}: first as an HS256 JWT issued by {@link #issue}
 * ({@code iss} = {@code aud} = {@code memoryoss}, expiry required, no leeway), then as a raw API
 * key compared by SHA-256 digest in constant time against every configured key.
 *
 * <p>Thread-safe and immutable.
 */
public final class Authenticator {
  public static final String ISSUER = "memoryoss";

  private final List<ApiKey> keys;
  private final Algorithm algorithm;
  private final JWTVerifier verifier;
  private final long expirySeconds;
  private final Clock clock;
  private final boolean devBypass;
  private final byte[] internalDigest;

  /**
   * @param devBypass authenticate every request as admin of {@code default} (dev mode with no
   *     keys on a loopback address only; the caller checks those conditions)
   */
  public Authenticator(
      List<ApiKey> keys, String jwtSecret, long expirySeconds, Clock clock, boolean devBypass) {
    this(keys, jwtSecret, expirySeconds, clock, devBypass, null);
  }

  /**
   * @param internalToken the hybrid-mode gateway's credential towards its own core (acts for
   *     any namespace it names), or {@code null}
   */
  public Authenticator(List<ApiKey> keys, String jwtSecret, long expirySeconds, Clock clock,
      boolean devBypass, String internalToken) {
    this.internalDigest = internalToken == null ? null : ApiKey.sha256(internalToken);
    this.keys = List.copyOf(keys);
    this.algorithm = Algorithm.HMAC256(jwtSecret);
    this.verifier = JWT.require(algorithm)
        .withIssuer(ISSUER)
        .withAudience(ISSUER)
        .withClaimPresence("exp")
        .acceptLeeway(0)
        .build();
    this.expirySeconds = expirySeconds;
    this.clock = clock;
    this.devBypass = devBypass;
  }

  public boolean devBypass() {
    return devBypass;
  }

  /** True when {@code token} is the internal gateway token. */
  public boolean isInternal(String token) {
    return internalDigest != null && token != null
        && java.security.MessageDigest.isEqual(internalDigest, ApiKey.sha256(token));
  }

  public boolean hasKeys() {
    return !keys.isEmpty();
  }

  public long expirySeconds() {
    return expirySeconds;
  }

  /** The claims of a bearer token, or empty if it is neither a valid JWT nor a known key. */
  public Optional<Claims> authenticate(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    if (token.chars().filter(c -> c == '.').count() == 2) {
      Optional<Claims> jwt = verify(token);
      if (jwt.isPresent()) {
        return jwt;
      }
    }
    return apiKey(token).map(k -> new Claims(k.keyId(), k.role(), k.namespace()));
  }

  /** The configured key matching {@code presented}; visits every key whatever matches. */
  public Optional<ApiKey> apiKey(String presented) {
    byte[] digest = ApiKey.sha256(presented);
    ApiKey found = null;
    for (ApiKey k : keys) {
      if (k.matches(digest) && found == null) {
        found = k;
      }
    }
    return Optional.ofNullable(found);
  }

  /** A JWT for an API key's claims, valid for the configured lifetime. */
  public String issue(ApiKey key) {
    Instant now = clock.instant();
    return JWT.create()
        .withSubject(key.keyId())
        .withClaim("role", key.role().wireName())
        .withClaim("namespace", key.namespace())
        .withIssuer(ISSUER)
        .withAudience(ISSUER)
        .withIssuedAt(now)
        .withExpiresAt(now.plusSeconds(expirySeconds))
        .sign(algorithm);
  }

  private Optional<Claims> verify(String token) {
    try {
      DecodedJWT jwt = verifier.verify(token);
      Instant exp = jwt.getExpiresAtAsInstant();
      Role role = Role.parse(jwt.getClaim("role").asString());
      String ns = jwt.getClaim("namespace").asString();
      // java-jwt checks expiry against the system clock; check ours too (tests move time).
      if (exp == null || !exp.isAfter(clock.instant()) || role == null || ns == null
          || jwt.getSubject() == null) {
        return Optional.empty();
      }
      return Optional.of(new Claims(jwt.getSubject(), role, ns));
    } catch (JWTVerificationException e) {
      return Optional.empty();
    }
  }
}
