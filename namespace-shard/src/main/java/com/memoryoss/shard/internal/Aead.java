package com.memoryoss.shard.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce per message, laid out as {@code nonce ‖ ciphertext ‖
 * tag}. The associated data binds a ciphertext to where it belongs (namespace, memory id, kind),
 * so a blob moved to another row fails to open.
 */
public final class Aead {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  // Cipher.getInstance is costly (provider lookup); a Cipher is re-initialised per message.
  private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  });
  // One DRBG per thread: the shared default SecureRandom serialises callers on a lock.
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (GeneralSecurityException e) {
      return new SecureRandom();
    }
  });

  private Aead() {}

  public static SecretKey newKey() {
    byte[] k = new byte[32];
    RANDOM.get().nextBytes(k);
    return key(k);
  }

  public static SecretKey key(byte[] raw) {
    if (raw.length != 32) {
      throw new IllegalArgumentException("AES-256 keys are 32 bytes, got " + raw.length);
    }
    return new SecretKeySpec(raw, "AES");
  }

  public static byte[] aad(String... parts) {
    return String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] seal(SecretKey key, byte[] plaintext, byte[] aad) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.get().nextBytes(nonce);
      Cipher c = CIPHERS.get();
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(aad);
      byte[] out = new byte[NONCE_BYTES + c.getOutputSize(plaintext.length)];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      c.doFinal(plaintext, 0, plaintext.length, out, NONCE_BYTES);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /**
   * Opens a sealed blob.
   *
   * @throws GeneralSecurityException if the key or associated data is wrong or the blob was
   *     altered
   */
  public static byte[] open(SecretKey key, byte[] sealed, byte[] aad)
      throws GeneralSecurityException {
    if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new GeneralSecurityException("sealed blob too short");
    }
    Cipher c = CIPHERS.get();
    c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
    c.updateAAD(aad);
    return c.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
  }
}
