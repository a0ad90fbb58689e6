package com.memoryoss.shard;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Reclaims journal space once a newer snapshot covers it: deletes a namespace's snapshots and
 * events older than the snapshot before the latest one (so one fallback snapshot always remains
 * replayable). Deleted rows held only ciphertext; this is housekeeping, not what makes a forget
 * safe.
 *
 * <p>Blocking JDBC, synchronized on one connection; run it on a blocking executor.
 */
public final class JournalCompactor implements AutoCloseable {
  private final Connection conn;

  private JournalCompactor(Connection conn) {
    this.conn = conn;
  }

  public static JournalCompactor open(String url, String user, String password) {
    try {
      Properties p = new Properties();
      if (user != null) {
        p.setProperty("user", user);
        p.setProperty("password", password == null ? "" : password);
      }
      if (url.startsWith("jdbc:sqlite:")) {
        p.setProperty("busy_timeout", "10000");
        p.setProperty("foreign_keys", "true");
      }
      return new JournalCompactor(DriverManager.getConnection(url, p));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open journal for compaction: " + e.getMessage(), e);
    }
  }

  /** Deletes snapshots and events of {@code persistenceId} with sequence numbers below this. */
  public synchronized void compactBelow(String persistenceId, long sequenceNr) {
    try (PreparedStatement snaps = conn.prepareStatement(
            "DELETE FROM snapshot WHERE persistence_id = ? AND sequence_number < ?");
        PreparedStatement events = conn.prepareStatement(
            "DELETE FROM event_journal WHERE persistence_id = ? AND sequence_number < ?")) {
      snaps.setString(1, persistenceId);
      snaps.setLong(2, sequenceNr);
      snaps.executeUpdate();
      events.setString(1, persistenceId);
      events.setLong(2, sequenceNr);
      events.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("journal compaction: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      conn.close();
    } catch (SQLException ignored) {
      // shutting down
    }
  }
}
