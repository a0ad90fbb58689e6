package com.memoryoss.cli.backup;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Reads a backup and holds it to its manifest: the manifest comes first; every other entry is a
 * regular file with a safe name (see {@link EntryNames}) that the manifest lists once, with the
 * listed size and SHA-256; every listed file is present. Symlinks, hard links, devices,
 * directories and anything else are refused. The same pass serves verification (no sink) and
 * extraction (a sink per file); extraction re-checks every byte it writes.
 */
final class ArchiveReader {
  private static final int MAX_MANIFEST = 16 << 20;

  /** Receives a verified file's bytes. */
  interface Sink {
    OutputStream open(BackupManifest.FileEntry file) throws IOException;
  }

  private ArchiveReader() {}

  /**
   * Reads {@code archive} through; returns its manifest.
   *
   * @param sink where file contents go; null to only verify
   * @param progressOfTotal makes the progress display, given the manifest's total bytes
   * @throws BackupException naming the first problem found
   */
  static BackupManifest read(Path archive, Sink sink, java.util.function.LongFunction<Progress>
      progressOfTotal) throws IOException {
    try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
        InputStream zstd = zstd(file, archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(zstd)) {
      TarArchiveEntry first = next(tar);
      if (first == null || !first.getName().equals(BackupManifest.NAME)
          || first.getLinkFlag() != TarConstants.LF_NORMAL
          || first.getSize() > MAX_MANIFEST) {
        throw new BackupException(archive + " is not a memoryOSS backup (it must start with "
            + BackupManifest.NAME + ")");
      }
      BackupManifest manifest = BackupManifest.parse(tar.readNBytes((int) first.getSize()));
      Progress progress = progressOfTotal.apply(manifest.totalBytes());
      Map<String, BackupManifest.FileEntry> listed = new HashMap<>();
      manifest.files().forEach(f -> listed.put(f.path(), f));
      Set<String> seen = new HashSet<>();
      byte[] buf = new byte[1 << 16];
      for (TarArchiveEntry e; (e = next(tar)) != null; ) {
        // isFile() is true for anything but a directory (devices, fifos...): check the type flag.
        byte type = e.getLinkFlag();
        if ((type != TarConstants.LF_NORMAL && type != TarConstants.LF_OLDNORM)
            || e.isLink() || e.isSymbolicLink()) {
          throw new BackupException("refusing archive entry \""
              + e.getName().replaceAll("\\p{Cntrl}", "?") + "\": not a regular file ("
              + kind(e) + ")");
        }
        String name = EntryNames.check(e.getName());
        BackupManifest.FileEntry want = listed.get(name);
        if (want == null) {
          throw new BackupException("refusing archive entry \"" + name + "\": not in the"
              + " manifest");
        }
        if (!seen.add(name)) {
          throw new BackupException("refusing archive entry \"" + name + "\": it appears twice");
        }
        if (e.getSize() != want.size()) {
          throw new BackupException(name + ": size " + e.getSize() + " differs from the"
              + " manifest's " + want.size());
        }
        MessageDigest md = DataDirSnapshot.sha256();
        try (OutputStream out = sink == null ? OutputStream.nullOutputStream()
            : sink.open(want)) {
          long left = want.size();
          while (left > 0) {
            int n = tar.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
              throw new BackupException(name + ": the archive ends inside this file");
            }
            md.update(buf, 0, n);
            out.write(buf, 0, n);
            left -= n;
            progress.add(n);
          }
        }
        if (!HexFormat.of().formatHex(md.digest()).equals(want.sha256())) {
          throw new BackupException(name + ": checksum mismatch (the archive is damaged or was"
              + " altered)");
        }
      }
      for (String name : listed.keySet()) {
        if (!seen.contains(name)) {
          throw new BackupException(name + " is in the manifest but not in the archive");
        }
      }
      return manifest;
    }
  }

  private static TarArchiveEntry next(TarArchiveInputStream tar) throws IOException {
    try {
      return tar.getNextEntry();
    } catch (IOException | IllegalArgumentException e) {
      throw new BackupException("the archive is damaged: " + e.getMessage());
    }
  }

  private static InputStream zstd(InputStream in, Path archive) throws IOException {
    try {
      return new ZstdInputStream(in);
    } catch (IOException e) {
      throw new BackupException(archive + " is not zstd-compressed: " + e.getMessage());
    }
  }

  private static String kind(TarArchiveEntry e) {
    if (e.isSymbolicLink()) {
      return "symbolic link to " + e.getLinkName();
    }
    if (e.isLink()) {
      return "hard link to " + e.getLinkName();
    }
    if (e.isDirectory()) {
      return "directory";
    }
    if (e.isCharacterDevice() || e.isBlockDevice()) {
      return "device";
    }
    if (e.isFIFO()) {
      return "fifo";
    }
    return "type " + (char) e.getLinkFlag();
  }
}
