package com.memoryoss.cli;

import com.memoryoss.cli.config.ConfigFile;
import com.memoryoss.cli.config.ConfigLoader;
import com.memoryoss.cli.node.Logging;
import com.memoryoss.cli.node.Node;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code memoryoss dev}: zero-config development server. Plain HTTP on 127.0.0.1:8000, data in
 * {@code ./data}; with no API keys configured, no authentication (loopback only).
 */
@Command(name = "dev", mixinStandardHelpOptions = true,
    description = "Run with no config at all: plain HTTP on 127.0.0.1:8000, data in ./data, "
        + "no authentication while no API keys are configured (loopback only).")
final class DevCommand implements Callable<Integer> {
  @ParentCommand Main root;

  @Option(names = "--host", description = "Bind address (default: from config, or 127.0.0.1).")
  String host;

  @Option(names = "--port", description = "Port (default: from config, or 8000; 0 = any free).")
  Integer port;

  @Option(names = "--data-dir", description = "Data directory (default: from config, or ./data).")
  String dataDir;

  @Override
  public Integer call() {
    ConfigLoader.Loaded loaded = root.configGiven() || Files.exists(root.configPath())
        ? ConfigLoader.loadWithWarnings(root.configPath(), System.getenv())
        : new ConfigLoader.Loaded(ConfigLoader.defaults(System.getenv()), java.util.List.of());
    ConfigFile cfg = Overrides.apply(loaded.config(), host, port, dataDir);
    Logging.configure(root.verbose ? "debug" : cfg.logging().level(), cfg.logging().json());
    Logging.configWarnings(loaded.warnings());
    Node.start(cfg, Node.Mode.DEV, Version.current()).awaitTermination();
    return 0;
  }
}
