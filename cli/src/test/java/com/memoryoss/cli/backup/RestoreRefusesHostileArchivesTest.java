package com.memoryoss.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives that try to write outside the data directory, smuggle links, or do not match their
 * manifest are refused, and nothing at all is written: not the data directory, not a temporary
 * directory, not the target of the trick.
 */
class RestoreRefusesHostileArchivesTest {
  @TempDir Path tmp;

  private void assertRefused(Archives a, String message) throws Exception {
    Path archive = tmp.resolve("evil.tar.zst");
    a.write(archive);
    Path work = Files.createDirectories(tmp.resolve("work"));
    Path data = work.resolve("data");
    List<Path> before = list(tmp);
    Restorer r = new Restorer(new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(new ByteArrayOutputStream()));
    assertThatThrownBy(() -> r.restore(archive, data,
        new Restorer.KeySetting(data.resolve("master.key"), null), null, false, () -> false))
        .isInstanceOf(BackupException.class).hasMessageContaining(message);
    assertThat(list(tmp)).isEqualTo(before);
    assertThat(Files.exists(data)).isFalse();
  }

  private static List<Path> list(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.sorted().toList();
    }
  }

  @Test
  void refusesDotDotPaths() throws Exception {
    assertRefused(new Archives().file("data/ok", "x").file("data/../evil", "pwned"), "'..'");
    assertThat(Files.exists(tmp.resolve("work/evil"))).isFalse();
  }

  @Test
  void refusesDotDotPathsEvenWhenTheManifestDoesNotListThem() throws Exception {
    assertRefused(new Archives().file("data/ok", "x").file("data/../../evil", "pwned", false),
        "'..'");
  }

  @Test
  void refusesAbsolutePaths() throws Exception {
    assertRefused(new Archives().file("/tmp/memoryoss-evil-abs", "pwned", false),
        "absolute path");
    assertThat(Files.exists(Path.of("/tmp/memoryoss-evil-abs"))).isFalse();
  }

  @Test
  void refusesEntriesOutsideData() throws Exception {
    assertRefused(new Archives().file("etc/passwd", "pwned", false), "outside data/");
  }

  @Test
  void refusesSymbolicLinks() throws Exception {
    assertRefused(new Archives().link("data/journal.db", "/etc/passwd", TarConstants.LF_SYMLINK),
        "symbolic link");
  }

  @Test
  void refusesHardLinks() throws Exception {
    assertRefused(new Archives().link("data/keys.db", "/etc/shadow", TarConstants.LF_LINK),
        "hard link");
  }

  @Test
  void refusesDevices() throws Exception {
    assertRefused(new Archives().link("data/dev", "", TarConstants.LF_CHR), "device");
  }

  @Test
  void refusesAChecksumMismatch() throws Exception {
    assertRefused(new Archives().file("data/a", "fine").fileWithWrongChecksum("data/b", "bad"),
        "checksum mismatch");
  }

  @Test
  void refusesFilesTheManifestDoesNotList() throws Exception {
    assertRefused(new Archives().file("data/a", "fine").file("data/extra", "?", false),
        "not in the manifest");
  }

  @Test
  void refusesAnArchiveMissingAListedFile() throws Exception {
    assertRefused(new Archives().file("data/a", "fine").listOnly("data/gone"),
        "not in the archive");
  }

  @Test
  void refusesSomethingThatIsNotABackup() throws Exception {
    Path junk = tmp.resolve("junk.tar.zst");
    Files.writeString(junk, "not zstd at all");
    Restorer r = new Restorer(new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(new ByteArrayOutputStream()));
    Path data = tmp.resolve("data");
    assertThatThrownBy(() -> r.restore(junk, data,
        new Restorer.KeySetting(data.resolve("master.key"), null), null, false, () -> false))
        .isInstanceOfAny(BackupException.class, java.io.IOException.class);
    assertThat(Files.exists(data)).isFalse();
  }
}
