package com.memoryoss.cli;

import com.memoryoss.cli.backup.Restorer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code memoryoss restore}: see {@link Restorer}. */
@Command(name = "restore", mixinStandardHelpOptions = true,
    description = {"Restore a backup into the data directory. The whole archive is checked"
        + " against its manifest first; unsafe entries (.., absolute paths, links, devices) are"
        + " refused and nothing is written.",
        "Refuses while a server uses the data directory; refuses a non-empty one unless"
        + " --force, which moves it aside (it is kept)."})
final class RestoreCommand implements Callable<Integer> {
  @ParentCommand Main root;

  @Parameters(paramLabel = "ARCHIVE", description = "A .tar.zst written by `memoryoss backup`.")
  Path archive;

  @Option(names = "--force", description = "Replace a non-empty data directory (moved aside).")
  boolean force;

  @Option(names = "--master-key", paramLabel = "FILE",
      description = "The master.key of the data directory the backup came from (for backups"
          + " made without --include-key).")
  Path masterKey;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Data directory (default: storage.data_dir of the config).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    DataDirCommands d = DataDirCommands.resolve(root, dataDir);
    new Restorer(System.out, System.err).restore(archive, d.dataDir(), d.key(), masterKey, force,
        d::serverAnswers);
    return 0;
  }
}
