package com.memoryoss.cli.backup;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Hand-made archives, hostile ones included, for restore tests. */
final class Archives {
  private final List<TarArchiveEntry> entries = new ArrayList<>();
  private final List<byte[]> bodies = new ArrayList<>();
  private final List<BackupManifest.FileEntry> listed = new ArrayList<>();

  /** A regular file, listed in the manifest with its true checksum. */
  Archives file(String name, String content) {
    return file(name, content, true);
  }

  Archives file(String name, String content, boolean list) {
    byte[] b = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    e.setSize(b.length);
    entries.add(e);
    bodies.add(b);
    if (list) {
      listed.add(new BackupManifest.FileEntry(name, b.length, sha(b)));
    }
    return this;
  }

  /** Lists a file in the manifest with a checksum of other content. */
  Archives fileWithWrongChecksum(String name, String content) {
    file(name, content, false);
    listed.add(new BackupManifest.FileEntry(name, content.length(), sha(new byte[] {1})));
    return this;
  }

  Archives link(String name, String target, byte type) {
    TarArchiveEntry e = new TarArchiveEntry(name, type, true);
    e.setLinkName(target);
    entries.add(e);
    bodies.add(new byte[0]);
    listed.add(new BackupManifest.FileEntry(name.startsWith("data/") ? name : "data/x", 0,
        sha(new byte[0])));
    return this;
  }

  Archives listOnly(String name) {
    listed.add(new BackupManifest.FileEntry(name, 1, sha(new byte[] {1})));
    return this;
  }

  void write(Path out) throws IOException {
    BackupManifest m = new BackupManifest(BackupManifest.FORMAT, BackupManifest.VERSION, "test",
        "2026-01-01T00:00:00Z", "/x", false, List.of());
    byte[] json = BackupManifest.JSON.writeValueAsBytes(new java.util.LinkedHashMap<>(
        java.util.Map.of("format", m.format(), "version", m.version(), "memoryoss_version", "t",
            "created_at", m.createdAt(), "source_data_dir", "/x", "key_included", false,
            "files", listed)));
    try (OutputStream f = Files.newOutputStream(out);
        ZstdOutputStream z = new ZstdOutputStream(f);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(z)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      TarArchiveEntry me = new TarArchiveEntry(BackupManifest.NAME);
      me.setSize(json.length);
      tar.putArchiveEntry(me);
      tar.write(json);
      tar.closeArchiveEntry();
      for (int i = 0; i < entries.size(); i++) {
        tar.putArchiveEntry(entries.get(i));
        tar.write(bodies.get(i));
        tar.closeArchiveEntry();
      }
    }
  }

  static String sha(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
