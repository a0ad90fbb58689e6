package com.memoryoss.gateway;

import java.nio.file.Path;

/**
 * How the gateway listens and protects itself, from {@code [server]}, {@code [tls]} and {@code
 * [limits]}.
 *
 * @param tls {@code null} for plain HTTP
 * @param maxBodyBytes largest request body accepted (2 MiB)
 */
public record GatewaySettings(
    String host, int port, Tls tls, double rateLimitPerSec, long maxBodyBytes, String memoryMode) {

  public static final long DEFAULT_MAX_BODY = 2L * 1024 * 1024;

  /**
   * TLS: a PEM certificate chain and private key, or a self-signed certificate generated into
   * {@code generatedDir} on first start. With a client CA, clients must present a certificate it
   * signed (mTLS).
   */
  public record Tls(Path certPath, Path keyPath, Path generatedDir, Path clientCaPath) {}
}
