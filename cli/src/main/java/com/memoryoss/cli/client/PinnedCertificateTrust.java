package com.memoryoss.cli.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one certificate: the self-signed one a local server generated under {@code
 * <data_dir>/tls/} ({@code self-signed.p12}, password in {@code self-signed.pass}). Read at
 * handshake time, so a client may start before the server has made it, and a regenerated
 * certificate is picked up. Anything else, including any CA-signed certificate, is refused: this
 * is pinning, not "trust all".
 */
final class PinnedCertificateTrust extends X509ExtendedTrustManager {
  private final Path dir;

  PinnedCertificateTrust(Path tlsDir) {
    this.dir = tlsDir;
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server sent no certificate");
    }
    X509Certificate pinned = pinned();
    if (!pinned.equals(chain[0])) {
      throw new CertificateException("the server's certificate is not the self-signed one under "
          + dir + " (another server on this port?)");
    }
  }

  private X509Certificate pinned() throws CertificateException {
    Path store = dir.resolve("self-signed.p12");
    Path passFile = dir.resolve("self-signed.pass");
    if (!Files.isReadable(store) || !Files.isReadable(passFile)) {
      throw new CertificateException("no readable self-signed certificate under " + dir
          + " (has the server been started with this config?)");
    }
    try (InputStream in = Files.newInputStream(store)) {
      char[] pass = Files.readString(passFile).strip().toCharArray();
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, pass);
      if (ks.getCertificate("memoryoss") instanceof X509Certificate c) {
        return c;
      }
      throw new CertificateException("no certificate named memoryoss in " + store);
    } catch (IOException | GeneralSecurityException e) {
      throw new CertificateException("cannot read " + store + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("client side only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("client side only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("client side only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
