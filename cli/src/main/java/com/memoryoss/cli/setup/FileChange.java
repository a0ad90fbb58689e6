package com.memoryoss.cli.setup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Set;

/**
 * One file the wizard wants to change: its content before (null: it does not exist) and after.
 * Applying keeps a timestamped backup of an existing file, writes atomically (same directory,
 * then rename) with the old file's permissions (0600 for new private files), follows a symlinked
 * file to its target instead of replacing the link, and refuses if the file changed since it was
 * read (e.g. Claude Code wrote it meanwhile). An unchanged file is never touched.
 */
record FileChange(Path path, String before, String after, String what, boolean privateFile) {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  boolean changes() {
    return !Objects.equals(before, after);
  }

  /** Reads a file as it is now; null if it does not exist. */
  static String read(Path path) {
    try {
      return Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      throw new SetupException("cannot read " + path + ": " + e.getMessage());
    }
  }

  /** Writes the change (if any) and says what happened; returns the backup, if one was made. */
  Path apply(LocalDateTime now, PrintStream out) {
    if (!changes()) {
      if (before != null) {
        out.println("  unchanged  " + path + " (" + what + ")");
      }
      return null;
    }
    try {
      Path target = Files.isSymbolicLink(path) ? path.toRealPath() : path;
      if (!Objects.equals(read(target), before)) {
        throw new SetupException(path + " changed while setup was running; it was left alone."
            + " Run setup again.");
      }
      Path backup = null;
      Set<PosixFilePermission> perms = privateFile
          ? PosixFilePermissions.fromString("rw-------")
          : PosixFilePermissions.fromString("rw-r--r--");
      if (before != null) {
        backup = backupPath(target, now);
        Files.copy(target, backup, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        perms = permissions(target, perms);
      } else {
        createPrivateDirs(target.getParent());
      }
      Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.writeString(tmp, after, StandardCharsets.UTF_8, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
        Files.setPosixFilePermissions(tmp, perms);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
      out.println("  " + (before == null ? "created  " : "updated  ") + " " + path + " (" + what
          + ")" + (backup == null ? "" : "\n             backup: " + backup));
      return backup;
    } catch (IOException e) {
      throw new SetupException("cannot write " + path + ": " + e.getMessage());
    }
  }

  private static Path backupPath(Path target, LocalDateTime now) {
    String base = target.getFileName() + ".memoryoss-backup-" + STAMP.format(now);
    Path p = target.resolveSibling(base);
    for (int i = 1; Files.exists(p, LinkOption.NOFOLLOW_LINKS); i++) {
      p = target.resolveSibling(base + "-" + i);
    }
    return p;
  }

  private static Set<PosixFilePermission> permissions(Path p, Set<PosixFilePermission> fallback) {
    try {
      return Files.getPosixFilePermissions(p);
    } catch (IOException | UnsupportedOperationException e) {
      return fallback;
    }
  }

  /** Creates missing directories with mode 0700 (they may hold keys). */
  static void createPrivateDirs(Path dir) throws IOException {
    if (dir == null || Files.isDirectory(dir)) {
      return;
    }
    createPrivateDirs(dir.getParent());
    Files.createDirectory(dir,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }
}
