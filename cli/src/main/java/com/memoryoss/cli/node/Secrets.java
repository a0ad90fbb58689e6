package com.memoryoss.cli.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Secrets the operator did not configure are generated once and kept (mode 0600) under the data
 * directory, so tokens stay valid across restarts instead of dying with a per-start random value.
 */
final class Secrets {
  private Secrets() {}

  static String loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        String s = Files.readString(file).strip();
        if (s.length() >= 32) {
          return s;
        }
      }
      byte[] raw = new byte[32];
      new SecureRandom().nextBytes(raw);
      String secret = HexFormat.of().formatHex(raw);
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      try {
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(tmp);
      }
      Files.writeString(tmp, secret);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep a secret in " + file, e);
    }
  }
}
