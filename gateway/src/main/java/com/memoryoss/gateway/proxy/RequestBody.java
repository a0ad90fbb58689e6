package com.memoryoss.gateway.proxy;

import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Request bodies as clients send them: plain, or compressed with zstd (Codex), gzip or deflate —
 * announced by {@code Content-Encoding}, or recognised by the zstd and gzip magic bytes.
 * Decompression is bounded, so a small compressed body cannot expand without limit.
 */
final class RequestBody {
  private RequestBody() {}

  /**
   * @throws IOException when the body is not valid for its encoding or expands past the limit
   */
  static byte[] decode(byte[] raw, String contentEncoding, long maxBytes) throws IOException {
    String enc = contentEncoding == null ? "" : contentEncoding.strip().toLowerCase();
    boolean zstd = enc.equals("zstd") || (enc.isEmpty() && raw.length >= 4
        && (raw[0] & 0xFF) == 0x28 && (raw[1] & 0xFF) == 0xB5 && (raw[2] & 0xFF) == 0x2F
        && (raw[3] & 0xFF) == 0xFD);
    boolean gzip = enc.equals("gzip") || (enc.isEmpty() && raw.length >= 2
        && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B);
    if (zstd) {
      return readBounded(new ZstdInputStream(new ByteArrayInputStream(raw)), maxBytes);
    }
    if (gzip) {
      return readBounded(new GZIPInputStream(new ByteArrayInputStream(raw)), maxBytes);
    }
    if (enc.equals("deflate")) {
      return readBounded(new InflaterInputStream(new ByteArrayInputStream(raw)), maxBytes);
    }
    if (!enc.isEmpty() && !enc.equals("identity")) {
      throw new IOException("unsupported Content-Encoding: " + enc);
    }
    return raw;
  }

  private static byte[] readBounded(InputStream in, long max) throws IOException {
    try (in) {
      byte[] out = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (out.length > max) {
        throw new IOException("request body too large after decompression");
      }
      return out;
    }
  }
}
