package com.memoryoss.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A memoryOSS process started through bin/memoryoss for a benchmark. */
final class BenchServer implements AutoCloseable {
  final Path dir;
  final int port;
  final Path config;
  private final List<String> command;
  private Process process;

  private BenchServer(Path dir, int port, Path config, List<String> command) {
    this.dir = dir;
    this.port = port;
    this.config = config;
    this.command = command;
  }

  static Path root() {
    return Path.of(System.getProperty("memoryoss.root", ".")).toAbsolutePath().normalize();
  }

  /** A dev-mode server (no auth, loopback) with {@code extraToml} in its config. */
  static BenchServer dev(String extraToml) throws IOException {
    Path dir = Files.createTempDirectory("memoryoss-bench-");
    int port = freePort();
    Path config = dir.resolve("memoryoss.toml");
    Files.writeString(config, "[storage]\ndata_dir = \"" + dir.resolve("data") + "\"\n"
        + extraToml);
    return new BenchServer(dir, port, config, List.of(root().resolve("bin/memoryoss").toString(),
        "-c", config.toString(), "dev", "--port", String.valueOf(port)));
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Starts the process and returns the milliseconds until /health answered 200. */
  long start() throws Exception {
    long t0 = System.nanoTime();
    process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()))
        .start();
    HttpClient http = HttpClient.newHttpClient();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server died: see " + dir.resolve("server.log"));
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl()
            + "/health")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return (System.nanoTime() - t0) / 1_000_000;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(20);
    }
  }

  long pid() {
    return process.pid();
  }

  /** Resident set size of the server process in MiB (Linux). */
  long rssMib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
      }
    }
    return -1;
  }

  void stop() throws Exception {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /**
   * Waits until the namespace of {@code key} has indexed every write (embeddings included), as
   * {@code GET /v1/admin/index-health} reports it.
   */
  static void awaitIndexed(String baseUrl, String key) throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    while (true) {
      java.net.http.HttpResponse<String> res = http.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(baseUrl + "/v1/admin/index-health"))
          .header("Authorization", "Bearer " + key).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() == 200
          && json.readTree(res.body()).path("indexer_lag").asLong(1) == 0) {
        return;
      }
      Thread.sleep(200);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    stop();
  }
}
