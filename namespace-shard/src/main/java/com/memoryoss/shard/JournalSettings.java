package com.memoryoss.shard;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where namespaces are journaled: an SQLite file under the data directory (the single-node
 * default) or PostgreSQL (the clustered mode), both through pekko-persistence-jdbc. The key table
 * lives beside the journal: its own SQLite file, or the same PostgreSQL database.
 *
 * @param postgresUrl JDBC URL for {@link Kind#POSTGRES}; ignored for SQLite
 */
public record JournalSettings(
    Kind kind, Path dataDir, String postgresUrl, String postgresUser, String postgresPassword) {

  public enum Kind {
    SQLITE,
    POSTGRES
  }

  public JournalSettings {
    if (kind == Kind.POSTGRES && (postgresUrl == null || postgresUrl.isBlank())) {
      throw new IllegalArgumentException("a PostgreSQL journal needs a URL");
    }
  }

  public static JournalSettings sqlite(Path dataDir) {
    return new JournalSettings(Kind.SQLITE, dataDir, null, null, null);
  }

  public Path journalFile() {
    return dataDir.resolve("journal.db").toAbsolutePath();
  }

  public Path keyFile() {
    return dataDir.resolve("keys.db").toAbsolutePath();
  }

  /** JDBC URL of the journal database. */
  public String jdbcUrl() {
    return kind == Kind.SQLITE
        ? "jdbc:sqlite:" + journalFile()
            + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=10000&foreign_keys=true"
            + "&transaction_mode=IMMEDIATE"
        : postgresUrl;
  }

  /** The Pekko persistence configuration for this journal (journal, snapshots, read journal). */
  public Config pekkoConfig() {
    String profile = kind == Kind.SQLITE ? "slick.jdbc.SQLiteProfile$" : "slick.jdbc.PostgresProfile$";
    String driver = kind == Kind.SQLITE ? "org.sqlite.JDBC" : "org.postgresql.Driver";
    int pool = kind == Kind.SQLITE ? 4 : 8;
    Map<String, Object> db = new java.util.HashMap<>(Map.of(
        "driver", driver,
        "url", jdbcUrl(),
        "connectionPool", "HikariCP",
        "numThreads", pool,
        "maxConnections", pool,
        "minConnections", 1));
    if (kind == Kind.POSTGRES) {
      db.put("user", postgresUser == null ? "" : postgresUser);
      db.put("password", postgresPassword == null ? "" : postgresPassword);
    }
    return ConfigFactory.empty()
        .withValue("pekko-persistence-jdbc.shared-databases.memoryoss.profile",
            ConfigValueFactory.fromAnyRef(profile))
        .withValue("pekko-persistence-jdbc.shared-databases.memoryoss.db",
            ConfigValueFactory.fromMap(db))
        .withFallback(ConfigFactory.parseString("""
            pekko.persistence.journal.plugin = "jdbc-journal"
            pekko.persistence.snapshot-store.plugin = "jdbc-snapshot-store"
            jdbc-journal.use-shared-db = "memoryoss"
            jdbc-snapshot-store.use-shared-db = "memoryoss"
            jdbc-read-journal.use-shared-db = "memoryoss"
            jdbc-durable-state-store.use-shared-db = "memoryoss"
            """));
  }

  /** Creates the journal tables if they do not exist yet. */
  public void ensureSchema() {
    JournalSchema.ensure(this);
  }

  public KeyStore openKeyStore() {
    return kind == Kind.SQLITE
        ? KeyStore.sqlite(keyFile())
        : KeyStore.postgres(postgresUrl, postgresUser, postgresPassword);
  }

  public JournalCompactor openCompactor() {
    return JournalCompactor.open(jdbcUrl(), kind == Kind.SQLITE ? null : postgresUser,
        postgresPassword);
  }
}
