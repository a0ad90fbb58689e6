package com.memoryoss.gateway.http;

import com.memoryoss.gateway.GatewaySettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.HttpsConnectionContext;

/**
 * Server TLS from PEM files, or from a self-signed certificate (SANs {@code localhost} and {@code
 * 127.0.0.1}) that the JDK's {@code keytool} generates once into the data directory.
 */
public final class TlsContexts {
  private TlsContexts() {}

  public static HttpsConnectionContext server(GatewaySettings.Tls tls) {
    try {
      KeyStore ks = tls.certPath() != null ? fromPem(tls.certPath(), tls.keyPath())
          : selfSigned(tls.generatedDir());
      char[] pass = PASS;
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, pass);
      javax.net.ssl.TrustManager[] trust = null;
      if (tls.clientCaPath() != null) {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        int i = 0;
        for (Certificate c : certificates(tls.clientCaPath())) {
          ts.setCertificateEntry("ca-" + i++, c);
        }
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        trust = tmf.getTrustManagers();
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), trust, new SecureRandom());
      boolean mtls = tls.clientCaPath() != null;
      return ConnectionContext.httpsServer(() -> {
        SSLEngine engine = ctx.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setNeedClientAuth(mtls);
        return engine;
      });
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("TLS setup failed: " + e.getMessage(), e);
    }
  }

  private static final char[] PASS = "memoryoss".toCharArray();

  private static KeyStore fromPem(Path certPath, Path keyPath)
      throws IOException, GeneralSecurityException {
    List<Certificate> chain = certificates(certPath);
    if (chain.isEmpty()) {
      throw new GeneralSecurityException("no certificate in " + certPath);
    }
    String pem = Files.readString(keyPath, StandardCharsets.US_ASCII);
    if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new GeneralSecurityException(keyPath + " must be an unencrypted PKCS#8 PEM key"
          + " (-----BEGIN PRIVATE KEY-----); convert with `openssl pkcs8 -topk8 -nocrypt`");
    }
    String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64));
    PrivateKey key = null;
    for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        key = KeyFactory.getInstance(alg).generatePrivate(spec);
        break;
      } catch (GeneralSecurityException wrongAlgorithm) {
        // try the next one
      }
    }
    if (key == null) {
      throw new GeneralSecurityException("unsupported private key type in " + keyPath);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", key, PASS, chain.toArray(Certificate[]::new));
    return ks;
  }

  private static List<Certificate> certificates(Path pem)
      throws IOException, GeneralSecurityException {
    try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(pem))) {
      return List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
    }
  }

  private static KeyStore selfSigned(Path dir) throws IOException, GeneralSecurityException {
    Path store = dir.resolve("self-signed.p12");
    Path passFile = dir.resolve("self-signed.pass");
    if (!Files.exists(store) || !Files.exists(passFile)) {
      Files.createDirectories(dir);
      byte[] raw = new byte[24];
      new SecureRandom().nextBytes(raw);
      String pass = HexFormat.of().formatHex(raw);
      Files.deleteIfExists(store);
      Files.writeString(passFile, pass);
      try {
        Files.setPosixFilePermissions(passFile, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // best effort on other file systems
      }
      generate(store, pass);
    }
    char[] pass = Files.readString(passFile).strip().toCharArray();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, pass);
    }
    // Re-key under the in-memory password used by the key manager.
    KeyStore out = KeyStore.getInstance("PKCS12");
    out.load(null, null);
    out.setKeyEntry("server", ks.getKey("memoryoss", pass), PASS,
        ks.getCertificateChain("memoryoss"));
    return out;
  }

  private static void generate(Path store, String pass) throws IOException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "memoryoss",
        "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
        "-validity", "3650", "-dname", "CN=memoryoss self-signed",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", pass, "-keypass", pass)
        .redirectErrorStream(true)
        .start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("keytool could not generate a self-signed certificate: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while generating a certificate", e);
    }
  }
}
