package com.memoryoss.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A configured API key, held only as its SHA-256 digest, with the role and namespace it grants.
 * Its public name is the key id: the first 8 bytes of the digest in hex.
 */
public final class ApiKey {
  private final byte[] digest;
  private final Role role;
  private final String namespace;

  public ApiKey(String key, Role role, String namespace) {
    this.digest = sha256(key);
    this.role = role;
    this.namespace = namespace;
  }

  public Role role() {
    return role;
  }

  public String namespace() {
    return namespace;
  }

  public String keyId() {
    return keyId(digest);
  }

  /** Constant-time comparison against a presented key's digest. */
  boolean matches(byte[] presentedDigest) {
    return MessageDigest.isEqual(digest, presentedDigest);
  }

  static String keyId(byte[] digest) {
    return HexFormat.of().formatHex(Arrays.copyOf(digest, 8));
  }

  public static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
