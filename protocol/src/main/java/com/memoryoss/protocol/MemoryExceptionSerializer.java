package com.memoryoss.protocol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Carries a {@link MemoryException} between nodes (inside {@code StatusReply.error}) as reason,
 * retry hint and message. A hand-made format because a refusal is three fields and must never drag
 * a stack trace or a cause across the wire (a Jackson bean of a {@code Throwable} would). The
 * manifest names the format version; an unknown reason decodes as {@link Rejection#UNAVAILABLE}
 * so that a newer peer's refusal still reads as a refusal.
 */
public final class MemoryExceptionSerializer extends SerializerWithStringManifest {
  /** Unique among the serializers of the system; frozen (it is on the wire). */
  public static final int IDENTIFIER = 734_101;
  private static final String MANIFEST = "R1";
  private static final int MAX_MESSAGE_BYTES = 64 * 1024;

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public String manifest(Object o) {
    return MANIFEST;
  }

  @Override
  public byte[] toBinary(Object o) {
    if (!(o instanceof MemoryException e)) {
      throw new IllegalArgumentException("not a MemoryException: " + o.getClass().getName());
    }
    byte[] message = (e.getMessage() == null ? "" : e.getMessage())
        .getBytes(StandardCharsets.UTF_8);
    int length = Math.min(message.length, MAX_MESSAGE_BYTES);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(e.reason().name());
      out.writeLong(e.retryAfterMs());
      out.writeInt(length);
      out.write(message, 0, length);
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return bytes.toByteArray();
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    if (!MANIFEST.equals(manifest)) {
      throw new NotSerializableException("unknown MemoryException format " + manifest);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      String name = in.readUTF();
      long retryAfterMs = in.readLong();
      int length = in.readInt();
      if (length < 0 || length > MAX_MESSAGE_BYTES) {
        throw new NotSerializableException("bad MemoryException message length " + length);
      }
      byte[] message = in.readNBytes(length);
      Rejection reason;
      try {
        reason = Rejection.valueOf(name);
      } catch (IllegalArgumentException newer) {
        reason = Rejection.UNAVAILABLE;
      }
      return new MemoryException(reason, new String(message, StandardCharsets.UTF_8),
          retryAfterMs);
    } catch (IOException e) {
      throw new NotSerializableException("unreadable MemoryException: " + e.getMessage());
    }
  }
}
