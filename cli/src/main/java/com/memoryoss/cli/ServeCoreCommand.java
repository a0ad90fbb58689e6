package com.memoryoss.cli;

import com.memoryoss.cli.config.ConfigFile;
import com.memoryoss.cli.config.ConfigLoader;
import com.memoryoss.cli.node.Logging;
import com.memoryoss.cli.node.Node;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code memoryoss serve-core} (hidden): the memory core of hybrid mode, started and supervised
 * by {@code serve}; plain HTTP on {@code 127.0.0.1:core_port}, memory API only.
 */
@Command(name = "serve-core", hidden = true, description = "Hybrid mode's memory core.")
final class ServeCoreCommand implements Callable<Integer> {
  @ParentCommand Main root;

  @Override
  public Integer call() {
    ConfigFile cfg = ConfigLoader.load(root.configPath(), System.getenv());
    Logging.configure(root.verbose ? "debug" : cfg.logging().level(), cfg.logging().json());
    int corePort = cfg.server().corePort() != null ? cfg.server().corePort()
        : cfg.server().port() < 65535 ? cfg.server().port() + 1 : cfg.server().port() - 1;
    ConfigFile core = Overrides.core(cfg, corePort);
    Node.start(core, Node.Mode.CORE, Version.current()).awaitTermination();
    return 0;
  }
}
