package com.memoryoss.cli.backup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@code memoryoss backup}: a consistent snapshot of a data directory, live server or not (see
 * {@link DataDirSnapshot}), written as {@code .tar.zst} with a checksummed manifest. The master
 * key is left out unless asked for: an archive without it holds only ciphertext, and a restore
 * needs the key given separately.
 */
public final class Backup {
  private final PrintStream out;
  private final PrintStream err;

  public Backup(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /**
   * @param key where the server's master key is ({@link Restorer.KeySetting})
   * @param version written into the manifest
   */
  public void run(Path dataDir, Path output, boolean includeKey, Restorer.KeySetting key,
      String version) throws IOException {
    Path data = dataDir.toAbsolutePath().normalize();
    Path target = output.toAbsolutePath().normalize();
    if (!Files.isDirectory(data)) {
      throw new BackupException("no data directory at " + data + ": nothing to back up");
    }
    if (Files.exists(target)) {
      throw new BackupException(target + " already exists; choose another name");
    }
    if (target.startsWith(data)) {
      throw new BackupException("the backup must not be written inside the data directory "
          + data);
    }
    Path keyFile = key.file().toAbsolutePath().normalize();
    Path include = null;
    if (includeKey) {
      if (key.value() != null) {
        throw new BackupException("--include-key: the master key is given as a value (config"
            + " encryption.master_key or MEMORYOSS_MASTER_KEY), not kept in a file; keep that"
            + " value safe yourself");
      }
      if (!Files.isRegularFile(keyFile)) {
        throw new BackupException("--include-key: no master key file at " + keyFile);
      }
      include = keyFile;
    }
    Files.createDirectories(target.getParent());
    Path stage = Files.createTempDirectory(target.getParent(), ".memoryoss-backup-stage-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    try {
      List<DataDirSnapshot.Staged> files = DataDirSnapshot.stage(data, stage, include,
          List.of(data.resolve("master.key"), keyFile), err);
      BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT,
          BackupManifest.VERSION, version, Instant.now().truncatedTo(ChronoUnit.SECONDS)
              .toString(), data.toString(), include != null,
          files.stream().map(f -> new BackupManifest.FileEntry(f.name(), f.size(), f.sha256()))
              .toList());
      BackupWriter.write(partial, manifest, files, err);
      Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      out.println("wrote " + target + ": " + files.size() + " files, "
          + (manifest.totalBytes() >> 10) + " KiB before compression, "
          + (Files.size(target) >> 10) + " KiB compressed");
      if (include != null) {
        out.println("the master key IS included: anyone with this file can read the memories;"
            + " store it like the key itself");
      } else {
        out.println("the master key is NOT included (" + (key.value() != null
            ? "it is given as a value" : keyFile) + "): keep it safe separately; restoring"
            + " this backup elsewhere needs it (restore --master-key FILE)");
      }
    } finally {
      Files.deleteIfExists(partial);
      Restorer.deleteTree(stage);
    }
  }
}
