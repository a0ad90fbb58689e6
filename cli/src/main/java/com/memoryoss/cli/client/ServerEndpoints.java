package com.memoryoss.cli.client;

import com.memoryoss.cli.config.ConfigFile;
import com.memoryoss.client.MemoryEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * How a client on this machine reaches the server a config describes: {@code [server]} host and
 * port (a wildcard bind is reached on loopback), https when {@code [tls]} is enabled, and the
 * first {@code [[auth.api_keys]]} key as the credential (none when there are no keys: a {@code
 * dev} server on loopback).
 *
 * <p>TLS trust, from narrowest to widest: with {@code cert_path} the configured certificate is
 * trusted besides the JDK's CAs; with an auto-generated certificate on a loopback host exactly
 * that certificate is pinned (see {@link PinnedCertificateTrust}); otherwise only the JDK's CAs.
 */
public final class ServerEndpoints {
  private ServerEndpoints() {}

  /**
   * @param configFile shown in the "how to start it" hint; null when running on built-in
   *     defaults
   */
  public static MemoryEndpoint of(ConfigFile cfg, Path configFile) {
    var tls = cfg.tls();
    String host = connectHost(cfg.server().host());
    boolean https = tls.enabled();
    URI base = URI.create((https ? "https" : "http") + "://" + urlHost(host) + ":"
        + cfg.server().port());
    String bearer = cfg.auth().apiKeys().isEmpty() ? null : cfg.auth().apiKeys().get(0).key();
    String hint = configFile == null ? "memoryoss dev"
        : "memoryoss -c " + configFile.toAbsolutePath().normalize() + " serve";
    return MemoryEndpoint.withKey(base, bearer, https ? sslContext(cfg, host) : null,
        MemoryEndpoint.DEFAULT_TIMEOUT, hint);
  }

  /** What {@code memoryoss dev} serves with no config: plain HTTP on 127.0.0.1:8000, no key. */
  public static MemoryEndpoint devDefaults() {
    return MemoryEndpoint.withKey(URI.create("http://127.0.0.1:8000"), null, null,
        MemoryEndpoint.DEFAULT_TIMEOUT, "memoryoss dev");
  }

  /** A server bound to every interface is reached on loopback. */
  static String connectHost(String bindHost) {
    return switch (bindHost) {
      case "0.0.0.0", "::", "[::]", "" -> "127.0.0.1";
      default -> bindHost;
    };
  }

  private static String urlHost(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static SSLContext sslContext(ConfigFile cfg, String host) {
    var tls = cfg.tls();
    try {
      TrustManager trust;
      if (tls.certPath() != null) {
        trust = withExtra(certificates(Path.of(tls.certPath())));
      } else if (tls.autoGenerate() && isLoopback(host)) {
        Path dir = Path.of(cfg.storage().dataDir()).toAbsolutePath().normalize().resolve("tls");
        trust = new PinnedCertificateTrust(dir);
      } else {
        return null;
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {trust}, null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS trust for the server: " + e.getMessage(),
          e);
    }
  }

  /** The JDK's default trust anchors plus {@code extra}. */
  private static X509TrustManager withExtra(List<Certificate> extra)
      throws GeneralSecurityException, IOException {
    TrustManagerFactory defaults =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    defaults.init((KeyStore) null);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    int i = 0;
    for (TrustManager tm : defaults.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        for (X509Certificate c : x.getAcceptedIssuers()) {
          ks.setCertificateEntry("jdk-" + i++, c);
        }
      }
    }
    for (Certificate c : extra) {
      ks.setCertificateEntry("configured-" + i++, c);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X509 trust manager");
  }

  private static List<Certificate> certificates(Path pem)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      return new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
    }
  }

  static boolean isLoopback(String host) {
    try {
      for (InetAddress a : InetAddress.getAllByName(host.replace("[", "").replace("]", ""))) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
