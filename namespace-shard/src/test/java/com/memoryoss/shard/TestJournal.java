package com.memoryoss.shard;

import com.memoryoss.indexer.FusionRanker;
import com.memoryoss.indexer.NamespaceIndex;
import com.memoryoss.indexer.QueryEmbeddingCache;
import com.memoryoss.indexer.Recaller;
import com.memoryoss.indexer.RecallSettings;
import com.memoryoss.indexer.TrustScorer;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A fresh journal for one test class: an SQLite data directory, or (with
 * {@code -Dmemoryoss.test.journal=postgres}) a new schema in the local PostgreSQL.
 */
public final class TestJournal implements AutoCloseable {
  public final Path dataDir;
  public final JournalSettings settings;
  private final String pgSchema;
  private final ExecutorService blocking = Executors.newFixedThreadPool(4);
  /** How long strong recalls of runtimes made after a change wait for the index. */
  public java.time.Duration strongRecallWait = java.time.Duration.ofSeconds(10);

  public TestJournal() throws Exception {
    dataDir = Files.createTempDirectory("memoryoss-test-");
    if ("postgres".equals(System.getProperty("memoryoss.test.journal"))) {
      String base = System.getProperty("memoryoss.test.pg.url",
          "jdbc:postgresql://127.0.0.1:5432/postgres");
      String user = System.getProperty("memoryoss.test.pg.user", "postgres");
      pgSchema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
      try (Connection c = DriverManager.getConnection(base, user, "");
          Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA " + pgSchema);
      }
      String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + pgSchema;
      settings = new JournalSettings(JournalSettings.Kind.POSTGRES, dataDir, url, user, "");
    } else {
      pgSchema = null;
      settings = JournalSettings.sqlite(dataDir);
    }
    settings.ensureSchema();
  }

  public boolean isPostgres() {
    return pgSchema != null;
  }

  /** Cluster of one, serialization checks on, this journal. */
  public Config config() {
    return ConfigFactory.parseString("""
            pekko.actor.provider = cluster
            pekko.remote.artery.canonical { hostname = "127.0.0.1", port = 0 }
            pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
            pekko.actor.serialize-messages = on
            pekko.actor.allow-java-serialization = off
            pekko.loggers = ["org.apache.pekko.event.slf4j.Slf4jLogger"]
            pekko.logging-filter = "org.apache.pekko.event.slf4j.Slf4jLoggingFilter"
            pekko.loglevel = WARNING
            """)
        .withFallback(settings.pekkoConfig())
        .withFallback(ConfigFactory.load());
  }

  /** The embedder every runtime of this journal uses (to count embedding calls). */
  public final HashingEmbedder embedder = new HashingEmbedder();

  /** The {@code [decay]} settings of runtimes made after it is set. */
  public DecayPolicy decay = DecayPolicy.OFF;

  public NamespaceRuntime runtime(KeyStore keys, MasterKey master, int snapshotMinEvents,
      JournalCompactor compactor) {
    TrustScorer trust = new TrustScorer(0.3);
    IndexFactory indexes = model -> {
      if (model.equals(IndexFactory.NONE)) {
        return new NamespaceIndex(null, null);
      }
      if (!model.startsWith("test-hashing")) {
        throw new IllegalArgumentException("unknown model " + model);
      }
      HashingEmbedder e = model.equals(HashingEmbedder.MODEL) ? embedder
          : new HashingEmbedder(model);
      return new NamespaceIndex(e, new ScanVectorIndex(e.dimensions()));
    };
    Recaller recaller = new Recaller(new FusionRanker(RecallSettings.DEFAULTS, trust,
        new QueryEmbeddingCache(100, 60)), trust);
    return new NamespaceRuntime(keys, master, blocking, blocking, blocking, indexes,
        HashingEmbedder.MODEL, recaller, RecallSettings.DEFAULTS.weights(), Clock.systemUTC(),
        10_000, strongRecallWait, snapshotMinEvents, compactor, decay);
  }

  /** Runs a SQL statement against the journal database. */
  public void sql(String statement) throws Exception {
    try (Connection c = settings.kind() == JournalSettings.Kind.SQLITE
            ? DriverManager.getConnection(settings.jdbcUrl())
            : DriverManager.getConnection(settings.postgresUrl(), settings.postgresUser(), "");
        Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }

  @Override
  public void close() throws Exception {
    blocking.shutdownNow();
    if (pgSchema != null) {
      String base = System.getProperty("memoryoss.test.pg.url",
          "jdbc:postgresql://127.0.0.1:5432/postgres");
      try (Connection c = DriverManager.getConnection(base,
              System.getProperty("memoryoss.test.pg.user", "postgres"), "");
          Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA " + pgSchema + " CASCADE");
      }
    }
  }
}
