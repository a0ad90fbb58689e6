package com.memoryoss.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real thing: {@code bin/memoryoss -c <config> serve} in its own JVM, on a free loopback port,
 * with its log in a file. Uses the PostgreSQL journal when the tests run with {@code
 * -Dmemoryoss.test.journal=postgres}.
 */
final class ServerProcess implements AutoCloseable {
  static final Path ROOT = Path.of(System.getProperty("memoryoss.root", "..")).toAbsolutePath()
      .normalize();

  final Path dir;
  final Path dataDir;
  final Path config;
  final int port;
  private final Path log;
  private Process process;
  private int starts;

  private ServerProcess(Path dir, Path config, int port) {
    this.dir = dir;
    this.dataDir = dir.resolve("data");
    this.config = config;
    this.port = port;
    this.log = dir.resolve("server.log");
  }

  /** Writes a config (plain HTTP, a free port, data under a temp dir) plus {@code extraToml}. */
  static ServerProcess start(String extraToml) throws Exception {
    return start(extraToml, "");
  }

  /** The same, with extra lines for the {@code [server]} table. */
  static ServerProcess start(String extraToml, String serverToml) throws Exception {
    ServerProcess s = prepare(extraToml, serverToml);
    s.launch();
    return s;
  }

  /** Like {@link #start}, but does not launch: the caller may fill the data dir first. */
  static ServerProcess prepare(String extraToml) throws Exception {
    return prepare(extraToml, "");
  }

  private static ServerProcess prepare(String extraToml, String serverToml) throws Exception {
    Path dir = Files.createTempDirectory("memoryoss-e2e-");
    int port = freePort();
    String storage = "[storage]\ndata_dir = \"" + dir.resolve("data") + "\"\n"
        + "snapshot_min_events = 200\n" + postgresStorage();
    String toml = "[server]\nhost = \"127.0.0.1\"\nport = " + port + "\n" + serverToml
        + "\n\n[tls]\nenabled = false\n\n"
        + storage + "\n" + extraToml;
    Path config = dir.resolve("memoryoss.toml");
    Files.writeString(config, toml);
    return new ServerProcess(dir, config, port);
  }

  private static String postgresStorage() throws Exception {
    if (!"postgres".equals(System.getProperty("memoryoss.test.journal"))) {
      return "";
    }
    String base = System.getProperty("memoryoss.test.pg.url",
        "jdbc:postgresql://127.0.0.1:5432/postgres");
    String user = System.getProperty("memoryoss.test.pg.user", "postgres");
    String schema = "e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(base, user, "");
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    }
    return "journal = \"postgres\"\npostgres_url = \"" + base
        + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema + "\"\n"
        + "postgres_user = \"" + user + "\"\n";
  }

  /** A server for a config written elsewhere (e.g. by `memoryoss setup`); not launched yet. */
  static ServerProcess forConfig(Path config, int port) {
    return new ServerProcess(config.getParent(), config, port);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  void launch() throws Exception {
    starts++;
    ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("bin/memoryoss").toString(),
        "-c", config.toString(), "serve")
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("MEMORYOSS_SKIP_BUILD", "1");
    pb.environment().put("MEMORYOSS_JAVA_OPTS", "-Xmx1g");
    process = pb.start();
    Process started = process;
    // A test JVM that is stopped early must not leave servers (or their core children) behind.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      started.descendants().forEach(ProcessHandle::destroyForcibly);
      started.destroyForcibly();
    }));
    awaitHealthy(Duration.ofSeconds(90));
  }

  private void awaitHealthy(Duration max) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server exited with " + process.exitValue() + ":\n"
            + tail());
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
            URI.create(baseUrl() + "/health")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("server not healthy in " + max + ":\n" + tail());
  }

  /** SIGKILL: no shutdown hooks, no flushing. */
  void kill9() throws Exception {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM and wait for a clean exit. */
  void stop() throws Exception {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** Asks the server's JVM for a full GC (so heap readings compare like with like). */
  void gc() throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "GC.run")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    p.waitFor(30, TimeUnit.SECONDS);
  }

  void restart() throws Exception {
    stop();
    launch();
  }

  String tail() throws IOException {
    if (!Files.exists(log)) {
      return "(no log)";
    }
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** The whole log of the server so far. */
  String log() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** The {@code pekko://...} address of the server's remoting, from its start-up log line. */
  String remotingAddress() throws IOException {
    var m = java.util.regex.Pattern.compile("cluster remoting on (pekko://\\S+)").matcher(log());
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    if (last == null) {
      throw new IllegalStateException("no remoting address in the log:\n" + tail());
    }
    return last;
  }

  /** Child processes of the server (hybrid mode's core). */
  List<ProcessHandle> children() {
    return process.toHandle().children().toList();
  }

  /** Files of the data dir, for at-rest checks. */
  List<Path> dataFiles() throws IOException {
    try (var s = Files.walk(dataDir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    stop();
  }
}
