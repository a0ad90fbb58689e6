package com.memoryoss.cli;

import com.memoryoss.cli.backup.Backup;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code memoryoss backup}: see {@link Backup}. */
@Command(name = "backup", mixinStandardHelpOptions = true,
    description = {"Write a consistent snapshot of the data directory (safe while the server"
        + " runs) as a .tar.zst with a manifest of sizes and SHA-256 checksums.",
        "The master key is NOT included unless --include-key: keep it safe separately."})
final class BackupCommand implements Callable<Integer> {
  @ParentCommand Main root;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Archive to write (default: memoryoss-backup-<timestamp>.tar.zst here).")
  Path output;

  @Option(names = "--include-key", description = "Include the master key (then the archive"
      + " alone can read every memory).")
  boolean includeKey;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Data directory (default: storage.data_dir of the config).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    DataDirCommands d = DataDirCommands.resolve(root, dataDir);
    Path out = output != null ? output : Path.of("memoryoss-backup-"
        + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now())
        + ".tar.zst");
    new Backup(System.out, System.err).run(d.dataDir(), out, includeKey, d.key(),
        Version.current());
    return 0;
  }
}
