package com.memoryoss.mcp;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Where the running server's memory API is and how to authenticate to it.
 *
 * @param baseUrl {@code http(s)://host:port}, no trailing slash
 * @param bearer the API key (or token) sent as {@code Authorization: Bearer}; null for a {@code
 *     dev} server without keys
 * @param sslContext trust material for https; null means the JDK's default trust store
 * @param timeout per-request timeout (connect and response)
 * @param startHint how to start a server, quoted in the error when none answers (e.g. {@code
 *     memoryoss -c /path/memoryoss.toml serve})
 */
public record MemoryEndpoint(
    URI baseUrl, String bearer, SSLContext sslContext, Duration timeout, String startHint) {

  /** The original's per-call timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public MemoryEndpoint {
    Objects.requireNonNull(baseUrl, "baseUrl");
    String s = baseUrl.toString();
    if (s.endsWith("/")) {
      baseUrl = URI.create(s.substring(0, s.length() - 1));
    }
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    startHint = startHint == null || startHint.isBlank() ? "memoryoss serve" : startHint;
  }
}
