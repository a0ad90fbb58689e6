package com.memoryoss.cli;

import com.memoryoss.cli.backup.BackupException;
import com.memoryoss.cli.backup.Restorer;
import com.memoryoss.cli.client.ServerEndpoints;
import com.memoryoss.cli.config.ConfigFile;
import com.memoryoss.cli.config.ConfigLoader;
import com.memoryoss.client.HttpMemoryService;
import com.memoryoss.client.MemoryEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What backup and restore need from the config: the data directory, where the master key is, and
 * how to ask whether a server is running. {@code --data-dir} alone works without a config.
 */
record DataDirCommands(Path dataDir, Restorer.KeySetting key, ConfigFile cfg, Path configFile) {

  static DataDirCommands resolve(Main root, Path dataDirOption) {
    Optional<Path> file = ConfigLocation.find(root, System.getenv());
    ConfigFile cfg = file.map(f -> ConfigLoader.load(f, System.getenv())).orElse(null);
    if (cfg == null && dataDirOption == null) {
      throw new BackupException("no config found (./memoryoss.toml, ~/.memoryoss/memoryoss.toml);"
          + " pass -c FILE or --data-dir DIR");
    }
    if (cfg != null && cfg.storage().journal().equals("postgres")) {
      throw new BackupException("storage.journal = \"postgres\": the journal is in PostgreSQL;"
          + " back it up with pg_dump (this command handles SQLite data directories)");
    }
    Path dataDir = (dataDirOption != null ? dataDirOption : Path.of(cfg.storage().dataDir()))
        .toAbsolutePath().normalize();
    Path keyFile = cfg != null && cfg.encryption().masterKeyFile() != null
        ? Path.of(cfg.encryption().masterKeyFile()) : dataDir.resolve("master.key");
    String keyValue = cfg != null ? cfg.encryption().masterKey()
        : System.getenv("MEMORYOSS_MASTER_KEY");
    if (keyValue != null && keyValue.isBlank()) {
      keyValue = null;
    }
    return new DataDirCommands(dataDir, new Restorer.KeySetting(keyFile, keyValue), cfg,
        file.orElse(null));
  }

  /**
   * True when a memoryOSS server answers {@code /health} at the config's address and the target
   * is that server's data directory (another directory is guarded by its SQLite locks alone).
   */
  boolean serverAnswers() {
    if (cfg == null || !Path.of(cfg.storage().dataDir()).toAbsolutePath().normalize()
        .equals(dataDir)) {
      return false;
    }
    MemoryEndpoint e = ServerEndpoints.of(cfg, configFile).anonymous()
        .withTimeout(Duration.ofSeconds(2));
    return new HttpMemoryService(e).healthy().toCompletableFuture().join();
  }
}
