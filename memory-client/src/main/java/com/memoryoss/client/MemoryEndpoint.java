package com.memoryoss.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Where a server's memory API is and how to authenticate to it.
 *
 * @param baseUrl {@code http(s)://host:port}, no trailing slash
 * @param bearer the API key or token sent as {@code Authorization: Bearer}; null for a {@code dev}
 *     server without keys
 * @param internal true when {@code bearer} is a hybrid gateway's internal token: every call then
 *     names the caller's namespace and subject in headers, and the internal routes are reachable
 * @param sslContext trust material for https; null means the JDK's default trust store
 * @param timeout per-request timeout (connect and response)
 * @param startHint how to start a server, quoted in the error when none answers (e.g. {@code
 *     memoryoss -c /path/memoryoss.toml serve})
 */
public record MemoryEndpoint(
    URI baseUrl, String bearer, boolean internal, SSLContext sslContext, Duration timeout,
    String startHint) {

  /** The original's per-call timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public MemoryEndpoint {
    Objects.requireNonNull(baseUrl, "baseUrl");
    String s = baseUrl.toString();
    if (s.endsWith("/")) {
      baseUrl = URI.create(s.substring(0, s.length() - 1));
    }
    if (internal && bearer == null) {
      throw new IllegalArgumentException("an internal endpoint needs its token");
    }
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    startHint = startHint == null || startHint.isBlank() ? "memoryoss serve" : startHint;
  }

  /** A server reached with an API key (or none, for a dev server). */
  public static MemoryEndpoint withKey(URI baseUrl, String key, SSLContext ssl, Duration timeout,
      String startHint) {
    return new MemoryEndpoint(baseUrl, key, false, ssl, timeout, startHint);
  }

  /** A hybrid gateway's own core, reached with the internal token on loopback. */
  public static MemoryEndpoint core(URI baseUrl, String internalToken, Duration timeout) {
    return new MemoryEndpoint(baseUrl, internalToken, true, null, timeout, "memoryoss serve");
  }

  /** The same server with another timeout. */
  public MemoryEndpoint withTimeout(Duration newTimeout) {
    return new MemoryEndpoint(baseUrl, bearer, internal, sslContext, newTimeout, startHint);
  }

  /** The same server without a credential (for {@code /health} probes). */
  public MemoryEndpoint anonymous() {
    return new MemoryEndpoint(baseUrl, null, false, sslContext, timeout, startHint);
  }
}
