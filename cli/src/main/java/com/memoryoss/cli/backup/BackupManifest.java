package com.memoryoss.cli.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.List;

/**
 * {@code manifest.json}, the first entry of every backup: what it holds and each file's size and
 * SHA-256, so a restore can check the whole archive before it writes anything.
 *
 * @param format always {@link #FORMAT}
 * @param version of this layout; restore refuses versions it does not know
 * @param createdAt RFC 3339
 * @param sourceDataDir where the data came from (informational)
 * @param keyIncluded whether {@code data/master.key} is in the archive
 * @param files every file entry, path relative to the archive root ({@code data/...})
 */
public record BackupManifest(
    String format,
    int version,
    String memoryossVersion,
    String createdAt,
    String sourceDataDir,
    boolean keyIncluded,
    List<FileEntry> files) {

  public static final String FORMAT = "memoryoss-backup";
  public static final int VERSION = 1;
  public static final String NAME = "manifest.json";
  /** Archive entries of the data directory live under this prefix. */
  public static final String DATA = "data/";

  static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  public BackupManifest {
    files = files == null ? List.of() : List.copyOf(files);
  }

  /** @param sha256 lower-case hex */
  public record FileEntry(String path, long size, String sha256) {}

  long totalBytes() {
    return files.stream().mapToLong(FileEntry::size).sum();
  }

  byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses and checks a manifest.
   *
   * @throws BackupException if it is not one this version can restore
   */
  static BackupManifest parse(byte[] json) {
    BackupManifest m;
    try {
      m = JSON.readValue(json, BackupManifest.class);
    } catch (IOException e) {
      throw new BackupException("the archive's manifest.json is not valid: " + e.getMessage()
          .split("\n")[0]);
    }
    if (m == null || !FORMAT.equals(m.format())) {
      throw new BackupException("not a memoryOSS backup (manifest format is not " + FORMAT + ")");
    }
    if (m.version() != VERSION) {
      throw new BackupException("backup format version " + m.version() + " is not supported by"
          + " this memoryoss (it reads version " + VERSION + ")");
    }
    for (FileEntry f : m.files()) {
      if (f == null || f.path() == null || f.sha256() == null || f.size() < 0
          || !f.sha256().matches("[0-9a-f]{64}")) {
        throw new BackupException("the archive's manifest.json has an invalid file entry");
      }
      EntryNames.check(f.path());
    }
    if (m.files().stream().map(FileEntry::path).distinct().count() != m.files().size()) {
      throw new BackupException("the archive's manifest.json lists a file twice");
    }
    return m;
  }
}
