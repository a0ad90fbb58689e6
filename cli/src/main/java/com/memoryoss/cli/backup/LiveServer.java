package com.memoryoss.cli.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether a server is using a data directory. Every connection to a WAL database holds a shared
 * lock on it for as long as it is open (the server keeps its pools open), so asking for an
 * exclusive lock without waiting fails exactly when another process has the file open.
 */
final class LiveServer {
  private LiveServer() {}

  /** True when some process has {@code db} open. */
  static boolean inUse(Path db) {
    if (!Files.isRegularFile(db)) {
      return false;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
        Statement st = c.createStatement()) {
      st.execute("PRAGMA busy_timeout = 0");
      st.execute("PRAGMA locking_mode = EXCLUSIVE");
      st.execute("BEGIN EXCLUSIVE");
      st.execute("ROLLBACK");
      return false;
    } catch (SQLException e) {
      String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
      return m.contains("locked") || m.contains("busy");
    }
  }
}
