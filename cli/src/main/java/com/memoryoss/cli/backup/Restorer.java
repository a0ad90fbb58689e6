package com.memoryoss.cli.backup;

import com.memoryoss.shard.MasterKey;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * {@code memoryoss restore}: checks the whole archive against its manifest before writing
 * anything, refuses a data directory a server is using (always) or one that holds data (unless
 * forced: then it is moved aside, never deleted), extracts into a private directory beside the
 * target, checks that the master key opens the restored data, and only then moves it into place.
 */
public final class Restorer {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  /**
   * Where the server will take its master key from.
   *
   * @param file the key file it reads ({@code <data_dir>/master.key} unless configured)
   * @param value the key itself, when given by config or {@code MEMORYOSS_MASTER_KEY}
   */
  public record KeySetting(Path file, String value) {}

  private final PrintStream out;
  private final PrintStream err;

  public Restorer(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /**
   * @param givenKey {@code --master-key}: the key file of the data directory the backup came
   *     from, for backups made without the key
   * @param serverAnswers true when a server answers on the config's address
   */
  public void restore(Path archive, Path dataDir, KeySetting key, Path givenKey, boolean force,
      BooleanSupplier serverAnswers) throws IOException {
    Path target = dataDir.toAbsolutePath().normalize();
    if (!Files.isRegularFile(archive)) {
      throw new BackupException("no such backup file: " + archive);
    }
    if (Files.isSymbolicLink(target)) {
      throw new BackupException(target + " is a symbolic link; restore into its target instead");
    }
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new BackupException(target + " exists and is not a directory");
    }
    if (serverAnswers.getAsBoolean()) {
      throw new BackupException("a memoryOSS server is answering on the configured address;"
          + " stop it before restoring (a restore under a running server would be lost or"
          + " corrupt it)");
    }
    boolean hasData = Files.isDirectory(target) && !isEmpty(target);
    if (hasData) {
      for (String db : new String[] {"journal.db", "keys.db"}) {
        if (LiveServer.inUse(target.resolve(db))) {
          throw new BackupException(target.resolve(db) + " is open in another process (a"
              + " running server?); stop it before restoring");
        }
      }
      if (!force) {
        throw new BackupException(target + " is not empty; refusing to overwrite it. With"
            + " --force it is moved aside (kept, not deleted) before the restore.");
      }
    }

    err.println("verifying " + archive + " ...");
    BackupManifest manifest = ArchiveReader.read(archive, null,
        total -> new Progress(err, "verify", total));
    boolean keyInDataDir = key.value() == null
        && key.file().toAbsolutePath().normalize().equals(target.resolve("master.key"));
    Path keyToCopy = null;
    if (manifest.keyIncluded() && givenKey != null) {
      err.println("the backup includes its master key: --master-key is not used");
    }
    if (!manifest.keyIncluded() && keyInDataDir) {
      if (givenKey != null) {
        keyToCopy = givenKey;
      } else if (hasData && Files.isRegularFile(target.resolve("master.key"))) {
        keyToCopy = target.resolve("master.key");
        err.println("the backup has no master key: keeping the current " + keyToCopy);
      } else {
        throw new BackupException("this backup does not include the master key, so its data"
            + " cannot be read without it: pass --master-key FILE (the master.key of the data"
            + " directory the backup was made from). Nothing was written.");
      }
    }
    long need = manifest.totalBytes();
    Path parent = target.getParent();
    Files.createDirectories(parent);
    if (Files.getFileStore(parent).getUsableSpace() < need + (16L << 20)) {
      throw new BackupException("not enough free space in " + parent + " (" + (need >> 20)
          + " MiB needed)");
    }

    Path temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".restore-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    try {
      err.println("extracting into " + temp + " ...");
      ArchiveReader.read(archive, f -> create(temp, f.path()),
          total -> new Progress(err, "restore", total));
      if (keyToCopy != null) {
        copyKey(keyToCopy, temp.resolve("master.key"));
      }
      checkKey(temp, key, keyInDataDir);
      Path aside = null;
      if (hasData) {
        aside = target.resolveSibling(target.getFileName() + ".replaced-"
            + STAMP.format(LocalDateTime.now()));
        Files.move(target, aside);
      } else if (Files.isDirectory(target)) {
        Files.delete(target);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (aside != null) {
          Files.move(aside, target);
        }
        throw e;
      }
      out.println("restored " + manifest.files().size() + " files (" + (need >> 10)
          + " KiB) from " + archive + " into " + target + " (backup made "
          + manifest.createdAt() + ")");
      if (aside != null) {
        out.println("the previous data directory was moved to " + aside
            + "; delete it once the restored server works");
      }
    } finally {
      deleteTree(temp);
    }
  }

  /** A new private file for archive entry {@code name} inside {@code root}, never outside. */
  private static OutputStream create(Path root, String name) throws IOException {
    Path file = root.resolve(name.substring(BackupManifest.DATA.length())).normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      throw new BackupException("refusing archive entry \"" + name + "\": outside the data"
          + " directory");
    }
    Files.createDirectories(file.getParent(),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    if (!file.getParent().toRealPath().startsWith(root.toRealPath())) {
      throw new BackupException("refusing archive entry \"" + name + "\": outside the data"
          + " directory");
    }
    Files.createFile(file,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    return Files.newOutputStream(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
  }

  private static void copyKey(Path from, Path to) throws IOException {
    long size = Files.size(from);
    if (size != 32) {
      throw new BackupException(from + " is not a master key file (it must hold exactly 32"
          + " bytes, it has " + size + ")");
    }
    Files.write(to, Files.readAllBytes(from), StandardOpenOption.CREATE_NEW);
    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-------"));
  }

  /** Opens every namespace key of the restored data with the key the server will use. */
  private void checkKey(Path restored, KeySetting key, boolean keyInDataDir) throws IOException {
    Path keysDb = restored.resolve("keys.db");
    if (!Files.isRegularFile(keysDb)) {
      return;
    }
    MasterKey master;
    if (key.value() != null) {
      master = MasterKey.fromValue(key.value());
    } else {
      Path file = keyInDataDir ? restored.resolve("master.key") : key.file();
      if (!Files.isRegularFile(file) || Files.size(file) != 32) {
        throw new BackupException("the master key file the config names (" + key.file()
            + ") is missing or not a key; nothing was restored");
      }
      master = MasterKey.fromValue(HexFormat.of().formatHex(Files.readAllBytes(file)));
    }
    int checked = 0;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + keysDb);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT namespace, wrapped FROM memoryoss_namespace_keys")) {
      while (rs.next()) {
        master.unwrap(rs.getString(1), rs.getBytes(2));
        checked++;
      }
    } catch (SQLException e) {
      throw new BackupException("the restored keys.db cannot be read: " + e.getMessage());
    } catch (IllegalStateException wrongKey) {
      throw new BackupException("the master key does not open this backup's data ("
          + wrongKey.getMessage() + "); nothing was restored. Give the master.key of the data"
          + " directory the backup was made from with --master-key FILE.");
    }
    err.println("master key checked against " + checked + " namespace key(s)");
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
