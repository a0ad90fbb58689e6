package com.memoryoss.shard;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The journal tables pekko-persistence-jdbc expects. The plugin ships no SQLite schema, so this is
 * written for it: {@code ordering} is the rowid (SQLite auto-increments only an INTEGER PRIMARY
 * KEY) and the plugin's (persistence_id, sequence_number) key becomes a UNIQUE constraint.
 */
final class JournalSchema {
  private JournalSchema() {}

  private static final List<String> SQLITE = List.of("""
      CREATE TABLE IF NOT EXISTS event_journal (
        ordering INTEGER PRIMARY KEY AUTOINCREMENT,
        persistence_id TEXT NOT NULL, sequence_number INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        writer TEXT NOT NULL, write_timestamp INTEGER, adapter_manifest TEXT,
        event_ser_id INTEGER NOT NULL, event_ser_manifest TEXT NOT NULL,
        event_payload BLOB NOT NULL,
        meta_ser_id INTEGER, meta_ser_manifest TEXT, meta_payload BLOB,
        UNIQUE (persistence_id, sequence_number))""", """
      CREATE TABLE IF NOT EXISTS event_tag (
        event_id INTEGER NOT NULL REFERENCES event_journal(ordering) ON DELETE CASCADE,
        tag TEXT NOT NULL, PRIMARY KEY (event_id, tag))""", """
      CREATE TABLE IF NOT EXISTS snapshot (
        persistence_id TEXT NOT NULL, sequence_number INTEGER NOT NULL, created INTEGER NOT NULL,
        snapshot_ser_id INTEGER NOT NULL, snapshot_ser_manifest TEXT NOT NULL,
        snapshot_payload BLOB NOT NULL,
        meta_ser_id INTEGER, meta_ser_manifest TEXT, meta_payload BLOB,
        PRIMARY KEY (persistence_id, sequence_number))""");

  private static final List<String> POSTGRES = List.of("""
      CREATE TABLE IF NOT EXISTS event_journal (
        ordering BIGSERIAL,
        persistence_id VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL,
        deleted BOOLEAN DEFAULT FALSE NOT NULL,
        writer VARCHAR(255) NOT NULL, write_timestamp BIGINT, adapter_manifest VARCHAR(255),
        event_ser_id INTEGER NOT NULL, event_ser_manifest VARCHAR(255) NOT NULL,
        event_payload BYTEA NOT NULL,
        meta_ser_id INTEGER, meta_ser_manifest VARCHAR(255), meta_payload BYTEA,
        PRIMARY KEY (persistence_id, sequence_number))""",
      "CREATE UNIQUE INDEX IF NOT EXISTS event_journal_ordering_idx ON event_journal(ordering)",
      """
      CREATE TABLE IF NOT EXISTS event_tag (
        event_id BIGINT, tag VARCHAR(256), PRIMARY KEY (event_id, tag),
        CONSTRAINT fk_event_journal FOREIGN KEY (event_id)
          REFERENCES event_journal(ordering) ON DELETE CASCADE)""", """
      CREATE TABLE IF NOT EXISTS snapshot (
        persistence_id VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL,
        created BIGINT NOT NULL,
        snapshot_ser_id INTEGER NOT NULL, snapshot_ser_manifest VARCHAR(255) NOT NULL,
        snapshot_payload BYTEA NOT NULL,
        meta_ser_id INTEGER, meta_ser_manifest VARCHAR(255), meta_payload BYTEA,
        PRIMARY KEY (persistence_id, sequence_number))""");

  static void ensure(JournalSettings s) {
    try {
      if (s.kind() == JournalSettings.Kind.SQLITE) {
        Files.createDirectories(s.dataDir());
      }
      try (Connection c = s.kind() == JournalSettings.Kind.SQLITE
              ? DriverManager.getConnection(s.jdbcUrl())
              : DriverManager.getConnection(s.postgresUrl(), s.postgresUser(),
                  s.postgresPassword() == null ? "" : s.postgresPassword());
          Statement st = c.createStatement()) {
        for (String ddl : s.kind() == JournalSettings.Kind.SQLITE ? SQLITE : POSTGRES) {
          st.execute(ddl);
        }
      }
    } catch (SQLException | java.io.IOException e) {
      throw new IllegalStateException("cannot create the journal schema at "
          + (s.kind() == JournalSettings.Kind.SQLITE ? s.journalFile() : s.postgresUrl()) + ": "
          + e.getMessage(), e);
    }
  }
}
