package com.memoryoss.cli;

import com.memoryoss.cli.config.ConfigException;
import com.memoryoss.cli.config.ConfigFile;
import com.memoryoss.cli.config.ConfigLoader;
import com.memoryoss.cli.node.Logging;
import com.memoryoss.cli.node.HybridGateway;
import com.memoryoss.cli.node.Node;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code memoryoss serve}: run from a config file until terminated. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the memory service from a config file (TLS and auth as configured).")
final class ServeCommand implements Callable<Integer> {
  @ParentCommand Main root;

  @Override
  public Integer call() {
    if (!Files.exists(root.configPath())) {
      throw new ConfigException("", "config file not found: " + root.configPath()
          + " (create one, pass -c FILE, or run `memoryoss dev` to start with defaults)");
    }
    ConfigLoader.Loaded loaded = ConfigLoader.loadWithWarnings(root.configPath(), System.getenv());
    ConfigFile cfg = loaded.config();
    Logging.configure(root.verbose ? "debug" : cfg.logging().level(), cfg.logging().json());
    Logging.configWarnings(loaded.warnings());
    if (cfg.server().hybridMode()) {
      HybridGateway.run(cfg, root.configPath(), Version.current());
    } else {
      Node.start(cfg, Node.Mode.SERVE, Version.current()).awaitTermination();
    }
    return 0;
  }
}
