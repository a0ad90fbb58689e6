package com.memoryoss.shard;

import com.memoryoss.shard.internal.Aead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.SecretKey;

/**
 * The root of the key hierarchy: wraps each namespace's data key. Loaded once at start-up, either
 * from a key file (created with mode 0600 on first start) or from a supplied value (env or config),
 * and held in memory only.
 */
public final class MasterKey {
  private static final byte[] WRAP_CONTEXT = "memoryoss-namespace-key-v1".getBytes();
  private final SecretKey key;

  private MasterKey(SecretKey key) {
    this.key = key;
  }

  /**
   * Reads the key file, creating it with 32 random bytes and mode 0600 if it does not exist.
   *
   * @throws IllegalStateException if the file exists but is not a 32-byte key
   */
  public static MasterKey fromFile(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] raw = Aead.newKey().getEncoded();
        try {
          createPrivate(file, raw);
        } catch (FileAlreadyExistsException raced) {
          // another process created it first: use theirs
        }
      }
      byte[] raw = Files.readAllBytes(file);
      if (raw.length != 32) {
        throw new IllegalStateException(
            "master key file " + file + " must hold exactly 32 bytes, found " + raw.length);
      }
      return new MasterKey(Aead.key(raw));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create master key file " + file, e);
    }
  }

  /** A key given as 64 hex characters or base64 of 32 bytes. */
  public static MasterKey fromValue(String value) {
    String v = value.strip();
    byte[] raw;
    try {
      raw = v.length() == 64 ? HexFormat.of().parseHex(v) : Base64.getDecoder().decode(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("master key must be 64 hex characters or base64");
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException("master key must be 32 bytes, got " + raw.length);
    }
    return new MasterKey(Aead.key(raw));
  }

  /** Wraps a namespace data key, bound to that namespace. */
  public byte[] wrap(String namespace, SecretKey dataKey) {
    return Aead.seal(key, dataKey.getEncoded(), aad(namespace));
  }

  /**
   * Unwraps a namespace data key.
   *
   * @throws IllegalStateException if it was wrapped by another master key or for another
   *     namespace
   */
  public SecretKey unwrap(String namespace, byte[] wrapped) {
    try {
      return Aead.key(Aead.open(key, wrapped, aad(namespace)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "the data key of namespace '" + namespace + "' does not open with this master key"
              + " (wrong master key?)");
    }
  }

  private static byte[] aad(String namespace) {
    return Aead.aad(new String(WRAP_CONTEXT), namespace);
  }

  private static void createPrivate(Path file, byte[] raw) throws IOException {
    Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(owner));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    Files.write(file, raw, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
  }
}
