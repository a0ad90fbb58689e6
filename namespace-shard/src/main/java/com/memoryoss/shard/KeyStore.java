package com.memoryoss.shard;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The small mutable key table beside the journal: one wrapped data key per namespace and one
 * wrapped content key per memory. Deleting a memory's row is what makes its journaled content
 * unreadable (crypto-shredding), so deletes are physical and, on SQLite, followed by a truncating
 * WAL checkpoint with {@code secure_delete} on: no copy of a deleted key survives in any file.
 *
 * <p>Threading: every method is blocking JDBC and synchronized on one connection; callers run them
 * on a blocking executor, never on an actor's thread.
 */
public final class KeyStore implements AutoCloseable {
  private final Connection conn;
  private final boolean sqlite;

  private KeyStore(Connection conn, boolean sqlite) throws SQLException {
    this.conn = conn;
    this.sqlite = sqlite;
    createSchema();
  }

  /** The key table in its own SQLite file (WAL, secure_delete). */
  public static KeyStore sqlite(Path file) {
    try {
      Properties p = new Properties();
      p.setProperty("journal_mode", "WAL");
      p.setProperty("synchronous", "NORMAL");
      p.setProperty("secure_delete", "true");
      p.setProperty("busy_timeout", "10000");
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), p);
      KeyStore ks = new KeyStore(c, true);
      // A crash between a delete and its checkpoint leaves old frames in the WAL: fold them now.
      ks.truncateWal();
      return ks;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open key store " + file + ": " + e.getMessage(), e);
    }
  }

  /** The key table in PostgreSQL, next to the journal (clustered mode). */
  public static KeyStore postgres(String url, String user, String password) {
    try {
      Connection c = DriverManager.getConnection(url, user, password == null ? "" : password);
      return new KeyStore(c, false);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open key store at " + url + ": " + e.getMessage(), e);
    }
  }

  private void createSchema() throws SQLException {
    String blob = sqlite ? "BLOB" : "BYTEA";
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS memoryoss_namespace_keys ("
          + "namespace VARCHAR(255) PRIMARY KEY, wrapped " + blob + " NOT NULL, "
          + "created_at BIGINT NOT NULL)");
      st.execute("CREATE TABLE IF NOT EXISTS memoryoss_memory_keys ("
          + "namespace VARCHAR(255) NOT NULL, memory_id VARCHAR(36) NOT NULL, wrapped " + blob
          + " NOT NULL, PRIMARY KEY (namespace, memory_id))");
    }
  }

  /**
   * The namespace's wrapped data key, stored first if the namespace has none yet. When two nodes
   * race, both get the one that was stored first.
   */
  public synchronized byte[] namespaceKey(String namespace, byte[] wrappedIfAbsent) {
    try {
      byte[] existing = selectNamespaceKey(namespace);
      if (existing != null) {
        return existing;
      }
      String insert = sqlite
          ? "INSERT OR IGNORE INTO memoryoss_namespace_keys VALUES (?, ?, ?)"
          : "INSERT INTO memoryoss_namespace_keys VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
      try (PreparedStatement ps = conn.prepareStatement(insert)) {
        ps.setString(1, namespace);
        ps.setBytes(2, wrappedIfAbsent);
        ps.setLong(3, System.currentTimeMillis());
        ps.executeUpdate();
      }
      return selectNamespaceKey(namespace);
    } catch (SQLException e) {
      throw new IllegalStateException("key store: " + e.getMessage(), e);
    }
  }

  private byte[] selectNamespaceKey(String namespace) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT wrapped FROM memoryoss_namespace_keys WHERE namespace = ?")) {
      ps.setString(1, namespace);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getBytes(1) : null;
      }
    }
  }

  /** Every wrapped memory key of a namespace. */
  public synchronized Map<UUID, byte[]> memoryKeys(String namespace) {
    Map<UUID, byte[]> keys = new HashMap<>();
    try (PreparedStatement ps = conn.prepareStatement(
        "SELECT memory_id, wrapped FROM memoryoss_memory_keys WHERE namespace = ?")) {
      ps.setString(1, namespace);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.put(UUID.fromString(rs.getString(1)), rs.getBytes(2));
        }
      }
      return keys;
    } catch (SQLException e) {
      throw new IllegalStateException("key store: " + e.getMessage(), e);
    }
  }

  /** Stores wrapped memory keys in one transaction; durable when this returns. */
  public synchronized void insertMemoryKeys(String namespace, Map<UUID, byte[]> wrapped) {
    inTransaction(() -> {
      try (PreparedStatement ps = conn.prepareStatement(
          "INSERT INTO memoryoss_memory_keys (namespace, memory_id, wrapped) VALUES (?, ?, ?)")) {
        for (Map.Entry<UUID, byte[]> e : wrapped.entrySet()) {
          ps.setString(1, namespace);
          ps.setString(2, e.getKey().toString());
          ps.setBytes(3, e.getValue());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    });
  }

  /**
   * Deletes memory keys for good. On SQLite the freed bytes are zeroed and the WAL is truncated
   * before this returns.
   */
  public synchronized void deleteMemoryKeys(String namespace, Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return;
    }
    inTransaction(() -> {
      try (PreparedStatement ps = conn.prepareStatement(
          "DELETE FROM memoryoss_memory_keys WHERE namespace = ? AND memory_id = ?")) {
        for (UUID id : ids) {
          ps.setString(1, namespace);
          ps.setString(2, id.toString());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    });
    truncateWal();
  }

  private void truncateWal() {
    if (!sqlite) {
      return;
    }
    try (Statement st = conn.createStatement()) {
      st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException e) {
      throw new IllegalStateException("key store checkpoint: " + e.getMessage(), e);
    }
  }

  private interface SqlWork {
    void run() throws SQLException;
  }

  private void inTransaction(SqlWork work) {
    try {
      conn.setAutoCommit(false);
      try {
        work.run();
        conn.commit();
      } catch (SQLException e) {
        conn.rollback();
        throw e;
      } finally {
        conn.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("key store: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      truncateWal();
      conn.close();
    } catch (SQLException | IllegalStateException e) {
      // closing at shutdown: nothing useful to do
    }
  }
}
