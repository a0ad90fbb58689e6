package com.memoryoss.cli.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The cluster's private certificate authority: an EC P-256 CA that signs one certificate per
 * node. Every node trusts exactly this CA, so Pekko remoting with mutual authentication admits a
 * peer only if it holds a key the CA signed.
 *
 * <p>Files are written with mode 0600 inside 0700 directories, each through a temporary file
 * and an atomic move, so an interrupted run never leaves a half-written keystore behind.
 *
 * <p>A node directory holds {@code keystore.p12} (the node's key and chain), {@code
 * truststore.p12} (the CA certificate alone), {@code password} (the store password) and {@code
 * ca.crt} (PEM, for operators). A CA directory holds {@code ca.p12}, {@code password} and {@code
 * ca.crt}; it is needed only to issue more node certificates and should not be copied to nodes.
 */
public final class ClusterPki {
  public static final String KEYSTORE = "keystore.p12";
  public static final String TRUSTSTORE = "truststore.p12";
  public static final String PASSWORD = "password";
  public static final String CA_CERT = "ca.crt";
  static final String CA_STORE = "ca.p12";
  private static final String ALIAS = "memoryoss";
  private static final String SIGNATURE = "SHA256withECDSA";
  private static final Pattern IP = Pattern.compile("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ClusterPki() {}

  /** A CA key and its self-signed certificate. */
  public record Authority(KeyPair keys, X509Certificate certificate) {}

  /** The files a node reads to run TLS remoting. */
  public record NodeFiles(Path keystore, Path truststore, Path password) {
    public String readPassword() {
      try {
        return Files.readString(password, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + password, e);
      }
    }
  }

  /** The node files expected in {@code dir} (which may not exist yet). */
  public static NodeFiles nodeFiles(Path dir) {
    return new NodeFiles(dir.resolve(KEYSTORE), dir.resolve(TRUSTSTORE), dir.resolve(PASSWORD));
  }

  /** True when {@code dir} holds every file of {@link #nodeFiles}. */
  public static boolean holdsNodeFiles(Path dir) {
    NodeFiles f = nodeFiles(dir);
    return Files.isRegularFile(f.keystore()) && Files.isRegularFile(f.truststore())
        && Files.isRegularFile(f.password());
  }

  /** A new CA, valid from now for {@code validity}. */
  public static Authority newAuthority(String name, Duration validity) {
    try {
      KeyPair keys = ecKeys();
      X500Name subject = new X500Name("CN=" + name + ",O=memoryOSS cluster");
      Instant now = Instant.now();
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      var builder = new JcaX509v3CertificateBuilder(subject, serial(),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), subject,
          keys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true,
              new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false,
              ext.createSubjectKeyIdentifier(keys.getPublic()));
      return new Authority(keys, sign(builder, keys.getPrivate()));
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot create the cluster CA: " + e.getMessage(), e);
    }
  }

  /**
   * Issues a certificate for a node called {@code host} (a DNS name or an IP address, written
   * into the subject alternative names) and writes its node files into {@code dir}.
   */
  public static NodeFiles issueNode(Authority ca, String host, Duration validity, Path dir) {
    try {
      KeyPair keys = ecKeys();
      Instant now = Instant.now();
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      GeneralName san = IP.matcher(host).matches()
          ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(host).getHostAddress())
          : new GeneralName(GeneralName.dNSName, host);
      var builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial(),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)),
          new X500Name("CN=" + host + ",O=memoryOSS cluster"), keys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true,
              new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
          // Every node is both a TLS server (inbound) and a TLS client (outbound).
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
          .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san))
          .addExtension(Extension.authorityKeyIdentifier, false,
              ext.createAuthorityKeyIdentifier(ca.certificate()))
          .addExtension(Extension.subjectKeyIdentifier, false,
              ext.createSubjectKeyIdentifier(keys.getPublic()));
      X509Certificate cert = sign(builder, ca.keys().getPrivate());
      String password = newPassword();
      createPrivateDir(dir);
      KeyStore ks = emptyStore();
      ks.setKeyEntry(ALIAS, keys.getPrivate(), password.toCharArray(),
          new Certificate[] {cert, ca.certificate()});
      KeyStore ts = emptyStore();
      ts.setCertificateEntry("memoryoss-ca", ca.certificate());
      NodeFiles files = nodeFiles(dir);
      writeStore(files.keystore(), ks, password);
      writeStore(files.truststore(), ts, password);
      writePrivate(files.password(), password.getBytes(StandardCharsets.UTF_8));
      writePrivate(dir.resolve(CA_CERT), pem(ca.certificate()));
      return files;
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot issue a node certificate for " + host + ": "
          + e.getMessage(), e);
    }
  }

  /** Keeps the CA (key included) in {@code dir}, to issue more node certificates later. */
  public static void saveAuthority(Authority ca, Path dir) {
    try {
      createPrivateDir(dir);
      String password = newPassword();
      KeyStore ks = emptyStore();
      ks.setKeyEntry(ALIAS, ca.keys().getPrivate(), password.toCharArray(),
          new Certificate[] {ca.certificate()});
      writeStore(dir.resolve(CA_STORE), ks, password);
      writePrivate(dir.resolve(PASSWORD), password.getBytes(StandardCharsets.UTF_8));
      writePrivate(dir.resolve(CA_CERT), pem(ca.certificate()));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot save the cluster CA in " + dir + ": "
          + e.getMessage(), e);
    }
  }

  /** Reads a CA kept by {@link #saveAuthority}. */
  public static Authority loadAuthority(Path dir) {
    try {
      char[] password = Files.readString(dir.resolve(PASSWORD)).strip().toCharArray();
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(dir.resolve(CA_STORE))) {
        ks.load(in, password);
      }
      X509Certificate cert = (X509Certificate) ks.getCertificate(ALIAS);
      PrivateKey key = (PrivateKey) ks.getKey(ALIAS, password);
      if (cert == null || key == null) {
        throw new IllegalStateException(dir + " holds no cluster CA");
      }
      return new Authority(new KeyPair(cert.getPublicKey(), key), cert);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot read the cluster CA in " + dir + ": "
          + e.getMessage(), e);
    }
  }

  /** Creates {@code dir} (and parents) with mode 0700 where the file system allows it. */
  public static void createPrivateDir(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir);
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException notPosix) {
      // best effort on file systems without POSIX modes
    }
  }

  private static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  private static X509Certificate sign(org.bouncycastle.cert.X509v3CertificateBuilder builder, PrivateKey key)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
  }

  private static String newPassword() {
    byte[] raw = new byte[24];
    RANDOM.nextBytes(raw);
    return HexFormat.of().formatHex(raw);
  }

  private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    return ks;
  }

  private static void writeStore(Path file, KeyStore store, String password)
      throws IOException, GeneralSecurityException {
    var out = new java.io.ByteArrayOutputStream();
    store.store(out, password.toCharArray());
    writePrivate(file, out.toByteArray());
  }

  private static byte[] pem(X509Certificate cert) throws GeneralSecurityException {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(cert.getEncoded());
    return ("-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Writes {@code bytes} to {@code file} with mode 0600, replacing it atomically. */
  static void writePrivate(Path file, byte[] bytes) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(tmp);
    }
    try (OutputStream out = Files.newOutputStream(tmp)) {
      out.write(bytes);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
