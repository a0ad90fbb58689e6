package com.memoryoss.cli.setup;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code bin/memoryoss} of this installation, the command clients are told to start: the one
 * given, else the one that launched this JVM ({@code MEMORYOSS_LAUNCHER}, set by the launcher),
 * else one found above the running jar.
 */
final class Launcher {
  private Launcher() {}

  static Path find(Path given, Map<String, String> env) {
    if (given != null) {
      if (!Files.isRegularFile(given) || !Files.isExecutable(given)) {
        throw new SetupException("--launcher " + given + " is not an executable file");
      }
      return given.toAbsolutePath().normalize();
    }
    String fromEnv = env.get("MEMORYOSS_LAUNCHER");
    if (fromEnv != null && !fromEnv.isBlank() && Files.isExecutable(Path.of(fromEnv))) {
      return Path.of(fromEnv).toAbsolutePath().normalize();
    }
    try {
      Path here = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
      for (Path p = here; p != null; p = p.getParent()) {
        Path candidate = p.resolve("bin").resolve("memoryoss");
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate.toAbsolutePath().normalize();
        }
      }
    } catch (URISyntaxException | SecurityException | NullPointerException unknown) {
      // no code source: fall through to the error
    }
    throw new SetupException("cannot find the memoryoss launcher (bin/memoryoss) of this"
        + " installation; pass --launcher /path/to/bin/memoryoss");
  }
}
