package com.memoryoss.cli.node;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the memory core as a child process ({@code serve-core}) with the same JVM, flags and jar
 * as this one, and restarts it whenever it exits — after 2 s, backing off to 30 s while it keeps
 * failing fast. Its logs go to this process's stderr.
 */
final class CoreProcess {
  private static final Logger LOG = LoggerFactory.getLogger(CoreProcess.class);
  private final Path configFile;
  private final String token;
  private volatile boolean stopping;
  private volatile Process process;
  private Thread supervisor;

  CoreProcess(Path configFile, String token) {
    this.configFile = configFile.toAbsolutePath();
    this.token = token;
  }

  void start() {
    supervisor = new Thread(this::supervise, "core-supervisor");
    supervisor.setDaemon(true);
    supervisor.start();
  }

  private void supervise() {
    long backoffMs = 2000;
    while (!stopping) {
      long started = System.nanoTime();
      try {
        ProcessBuilder pb = new ProcessBuilder(command())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put(HybridGateway.TOKEN_ENV, token);
        process = pb.start();
        int code = process.waitFor();
        if (stopping) {
          return;
        }
        LOG.warn("memory core exited with status {}; restarting in {} ms", code, backoffMs);
      } catch (Exception e) {
        if (stopping) {
          return;
        }
        LOG.error("cannot start the memory core: {}", e.getMessage());
      }
      boolean ranLong = System.nanoTime() - started > TimeUnit.SECONDS.toNanos(60);
      backoffMs = ranLong ? 2000 : Math.min(30_000, backoffMs * 2);
      try {
        Thread.sleep(ranLong ? 2000 : backoffMs / 2);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private List<String> command() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path jar = Path.of(CoreProcess.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    List<String> cmd = new ArrayList<>();
    cmd.add(java.toString());
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.addAll(List.of("-jar", jar.toString(), "-c", configFile.toString(), "serve-core"));
    return cmd;
  }

  void stop() {
    stopping = true;
    Process p = process;
    if (p != null && p.isAlive()) {
      p.destroy();
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
      }
    }
  }
}
