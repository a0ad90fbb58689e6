package com.memoryoss.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.memoryoss.shard.MasterKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore of a data directory laid out like the server's (SQLite journal and key
 * store in WAL mode, master key, JWT secret, TLS material), with a writer holding the databases
 * open and WAL frames not yet checkpointed, as a running server would.
 */
class BackupRestoreTest {
  @TempDir Path tmp;
  Path data;
  Connection journal;
  Connection keys;
  ByteArrayOutputStream out = new ByteArrayOutputStream();
  ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void dataDir() throws Exception {
    data = Files.createDirectories(tmp.resolve("src/data"));
    MasterKey master = MasterKey.fromFile(data.resolve("master.key"));
    Files.writeString(data.resolve("jwt.secret"), "s".repeat(64));
    Files.createDirectories(data.resolve("tls"));
    Files.write(data.resolve("tls/self-signed.p12"), new byte[] {1, 2, 3});
    journal = open(data.resolve("journal.db"));
    try (Statement st = journal.createStatement()) {
      st.execute("CREATE TABLE event_journal (ordering INTEGER PRIMARY KEY, payload BLOB)");
      for (int i = 0; i < 200; i++) {
        st.execute("INSERT INTO event_journal (payload) VALUES (randomblob(500))");
      }
    }
    keys = open(data.resolve("keys.db"));
    try (Statement st = keys.createStatement()) {
      st.execute("CREATE TABLE memoryoss_namespace_keys (namespace TEXT PRIMARY KEY,"
          + " wrapped BLOB, created_at INTEGER)");
    }
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    try (PreparedStatement ps = keys.prepareStatement(
        "INSERT INTO memoryoss_namespace_keys VALUES ('default', ?, 0)")) {
      ps.setBytes(1, master.wrap("default", new SecretKeySpec(raw, "AES")));
      ps.execute();
    }
    assertThat(Files.size(data.resolve("journal.db-wal"))).isPositive();
  }

  @AfterEach
  void close() throws Exception {
    journal.close();
    keys.close();
  }

  private static Connection open(Path db) throws Exception {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
    try (Statement st = c.createStatement()) {
      st.execute("PRAGMA journal_mode=WAL");
      st.execute("PRAGMA wal_autocheckpoint=0");
    }
    return c;
  }

  private Path backup(boolean includeKey) throws Exception {
    Path archive = tmp.resolve(includeKey ? "with-key.tar.zst" : "b.tar.zst");
    new Backup(new PrintStream(out), new PrintStream(err)).run(data, archive, includeKey,
        new Restorer.KeySetting(data.resolve("master.key"), null), "test");
    return archive;
  }

  private void restore(Path archive, Path target, Path givenKey, boolean force) throws Exception {
    new Restorer(new PrintStream(out), new PrintStream(err)).restore(archive, target,
        new Restorer.KeySetting(target.resolve("master.key"), null), givenKey, force,
        () -> false);
  }

  private static List<String> rows(Path db, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1) + ":" + java.util.HexFormat.of().formatHex(rs.getBytes(2)));
      }
    }
    return rows;
  }

  @Test
  void roundTripsALiveDataDirectoryWithTheKeyGivenSeparately() throws Exception {
    Path archive = backup(false);
    assertThat(out.toString()).contains("master key is NOT included");
    assertThat(Files.getPosixFilePermissions(archive))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    Path target = tmp.resolve("dst/data");
    restore(archive, target, data.resolve("master.key"), false);

    String q = "SELECT ordering, payload FROM event_journal ORDER BY ordering";
    assertThat(rows(target.resolve("journal.db"), q)).hasSize(200)
        .isEqualTo(rows(data.resolve("journal.db"), q));
    assertThat(rows(target.resolve("keys.db"),
        "SELECT namespace, wrapped FROM memoryoss_namespace_keys"))
        .isEqualTo(rows(data.resolve("keys.db"),
            "SELECT namespace, wrapped FROM memoryoss_namespace_keys"));
    assertThat(target.resolve("master.key")).hasSameBinaryContentAs(data.resolve("master.key"));
    assertThat(target.resolve("jwt.secret")).hasSameTextualContentAs(data.resolve("jwt.secret"));
    assertThat(target.resolve("tls/self-signed.p12")).exists();
    assertThat(Files.getPosixFilePermissions(target))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    try (Stream<Path> s = Files.list(target)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.endsWith("-wal") || n.endsWith("-shm"));
    }
    assertThat(err.toString()).contains("master key checked against 1 namespace key");
  }

  @Test
  void aBackupMadeWithTheKeyRestoresOnItsOwn() throws Exception {
    Path archive = backup(true);
    Path target = tmp.resolve("dst/data");
    restore(archive, target, null, false);
    assertThat(target.resolve("master.key")).hasSameBinaryContentAs(data.resolve("master.key"));
  }

  @Test
  void refusesToRestoreWithoutTheKeyOrWithTheWrongOne() throws Exception {
    Path archive = backup(false);
    Path target = tmp.resolve("dst/data");
    assertThatThrownBy(() -> restore(archive, target, null, false))
        .isInstanceOf(BackupException.class).hasMessageContaining("--master-key");
    assertThat(Files.exists(target)).isFalse();

    Path wrong = tmp.resolve("wrong.key");
    Files.write(wrong, new byte[32]);
    assertThatThrownBy(() -> restore(archive, target, wrong, false))
        .isInstanceOf(BackupException.class).hasMessageContaining("does not open");
    assertThat(Files.exists(target)).isFalse();
    try (Stream<Path> s = Files.list(target.getParent())) {
      assertThat(s.toList()).isEmpty();
    }
  }

  @Test
  void refusesANonEmptyDataDirectoryUnlessForcedAndThenKeepsItAside() throws Exception {
    Path archive = backup(true);
    Path target = Files.createDirectories(tmp.resolve("dst/data"));
    Files.writeString(target.resolve("old.txt"), "old");
    assertThatThrownBy(() -> restore(archive, target, null, false))
        .isInstanceOf(BackupException.class).hasMessageContaining("not empty");
    assertThat(target.resolve("old.txt")).hasContent("old");

    restore(archive, target, null, true);
    assertThat(target.resolve("old.txt")).doesNotExist();
    assertThat(target.resolve("journal.db")).exists();
    try (Stream<Path> s = Files.list(target.getParent())) {
      Path aside = s.filter(p -> p.getFileName().toString().startsWith("data.replaced-"))
          .findFirst().orElseThrow();
      assertThat(aside.resolve("old.txt")).hasContent("old");
    }
  }

  @Test
  void refusesADataDirectoryThatAProcessHasOpenEvenWhenForced() throws Exception {
    Path archive = backup(true);
    assertThatThrownBy(() -> restore(archive, data, null, true))
        .isInstanceOf(BackupException.class).hasMessageContaining("open in another process");
  }

  @Test
  void refusesWhenAServerAnswers() throws Exception {
    Path archive = backup(true);
    Path target = tmp.resolve("dst/data");
    assertThatThrownBy(() -> new Restorer(new PrintStream(out), new PrintStream(err)).restore(
        archive, target, new Restorer.KeySetting(target.resolve("master.key"), null), null,
        true, () -> true)).isInstanceOf(BackupException.class)
        .hasMessageContaining("server is answering");
  }

  @Test
  void backupRefusesToWriteIntoTheDataDirectoryOrOverAnExistingFile() throws Exception {
    Backup b = new Backup(new PrintStream(out), new PrintStream(err));
    var key = new Restorer.KeySetting(data.resolve("master.key"), null);
    assertThatThrownBy(() -> b.run(data, data.resolve("x.tar.zst"), false, key, "t"))
        .isInstanceOf(BackupException.class).hasMessageContaining("inside the data directory");
    Path existing = Files.writeString(tmp.resolve("exists.tar.zst"), "x");
    assertThatThrownBy(() -> b.run(data, existing, false, key, "t"))
        .isInstanceOf(BackupException.class).hasMessageContaining("already exists");
    assertThatThrownBy(() -> b.run(data, tmp.resolve("k.tar.zst"), true,
        new Restorer.KeySetting(data.resolve("master.key"), "00".repeat(32)), "t"))
        .isInstanceOf(BackupException.class).hasMessageContaining("given as a value");
  }
}
