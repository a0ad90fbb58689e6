package com.memoryoss.cli.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A consistent copy of a data directory, safe while the server runs: every SQLite database is
 * copied with {@code VACUUM INTO} (a read transaction: a transactionally consistent snapshot,
 * WAL included, without blocking the server's writers), every other regular file is copied as it
 * is. WAL/SHM/journal side files and symlinks are skipped; the master key only when asked.
 *
 * <p>Order matters between the two databases: the server writes a memory's key to {@code keys.db}
 * before the event that needs it reaches {@code journal.db}. Copying {@code journal.db} first and
 * {@code keys.db} last means every event in the copy finds its key (a memory forgotten in between
 * loses its key, which is what forgetting means).
 */
final class DataDirSnapshot {
  private DataDirSnapshot() {}

  /** A staged file: where it is in the archive and on disk. */
  record Staged(String name, Path file, long size, String sha256) {}

  /**
   * Copies {@code dataDir} into the empty directory {@code stage}.
   *
   * @param masterKey the key file to include as {@code data/master.key}; null to leave it out
   * @param skip files of the data directory not to copy as they are (the master key: it is
   *     either left out or added as {@code masterKey})
   */
  static List<Staged> stage(Path dataDir, Path stage, Path masterKey, List<Path> skip,
      java.io.PrintStream err) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dataDir)) {
      files = s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> !sideFile(p.getFileName().toString()))
          .filter(p -> skip.stream().noneMatch(k -> same(k, p)))
          .sorted(Comparator.comparingInt(DataDirSnapshot::order).thenComparing(Path::toString))
          .toList();
    }
    List<Staged> staged = new ArrayList<>();
    for (Path f : files) {
      String rel = dataDir.relativize(f).toString().replace('\\', '/');
      Path target = stage.resolve(rel);
      Files.createDirectories(target.getParent());
      if (rel.endsWith(".db")) {
        err.println("snapshot " + rel + " (SQLite online copy)");
        vacuumInto(f, target);
      } else {
        Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
      }
      staged.add(describe(BackupManifest.DATA + rel, target));
    }
    if (masterKey != null) {
      Path target = stage.resolve("master.key");
      Files.copy(masterKey, target);
      staged.add(describe(BackupManifest.DATA + "master.key", target));
    }
    return staged;
  }

  /** journal.db first, keys.db last (see the class comment), everything else in between. */
  private static int order(Path p) {
    String n = p.getFileName().toString();
    return n.equals("journal.db") ? 0 : n.equals("keys.db") ? 2 : 1;
  }

  private static boolean sideFile(String name) {
    return name.endsWith("-wal") || name.endsWith("-shm") || name.endsWith("-journal")
        || name.endsWith(".tmp");
  }

  private static boolean same(Path a, Path b) {
    try {
      return Files.exists(a) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  static void vacuumInto(Path db, Path target) throws IOException {
    java.util.Properties props = new java.util.Properties();
    // Wait for a writer's lock instead of failing; the copy itself never blocks writers (WAL).
    props.setProperty("busy_timeout", "30000");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath(), props);
        PreparedStatement ps = c.prepareStatement("VACUUM INTO ?")) {
      ps.setString(1, target.toAbsolutePath().toString());
      ps.execute();
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
    } catch (SQLException e) {
      throw new IOException("cannot snapshot " + db + ": " + e.getMessage(), e);
    }
  }

  static Staged describe(String name, Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256())) {
      MessageDigest md = ((DigestInputStream) in).getMessageDigest();
      in.transferTo(OutputStream.nullOutputStream());
      return new Staged(name, file, Files.size(file), HexFormat.of().formatHex(md.digest()));
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
