package com.memoryoss.cli.backup;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Writes a staged snapshot as {@code .tar.zst}: the manifest first, then every file. */
final class BackupWriter {
  private BackupWriter() {}

  static void write(Path out, BackupManifest manifest, List<DataDirSnapshot.Staged> files,
      java.io.PrintStream err) throws IOException {
    Progress progress = new Progress(err, "backup", manifest.totalBytes());
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out));
        ZstdOutputStream zstd = new ZstdOutputStream(file, 3);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(zstd)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      byte[] json = manifest.toJson();
      tar.putArchiveEntry(entry(BackupManifest.NAME, json.length));
      tar.write(json);
      tar.closeArchiveEntry();
      byte[] buf = new byte[1 << 16];
      for (DataDirSnapshot.Staged f : files) {
        tar.putArchiveEntry(entry(f.name(), f.size()));
        try (InputStream in = Files.newInputStream(f.file())) {
          for (int n; (n = in.read(buf)) > 0; ) {
            tar.write(buf, 0, n);
            progress.add(n);
          }
        }
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
  }

  private static TarArchiveEntry entry(String name, long size) {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(size);
    e.setMode(0100600);
    e.setModTime(java.util.Date.from(Instant.now()));
    return e;
  }
}
