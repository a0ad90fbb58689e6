package com.memoryoss.cli;

import com.memoryoss.cli.config.ConfigException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code memoryoss}: the one entry point. With no command it runs {@code serve}, as the original
 * does.
 */
@Command(
    name = "memoryoss",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Persistent long-term memory for AI agents: memory API, LLM gateway, MCP server.",
    subcommands = {ServeCommand.class, DevCommand.class, ServeCoreCommand.class,
        McpServerCommand.class, SetupCommand.class, InspectCommand.class, BackupCommand.class,
        RestoreCommand.class, MigrateEmbeddingsCommand.class, DecayCommand.class,
        CompletionCommand.class, ClusterCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

  @Option(names = {"-c", "--config"}, description = "Config file (default: ./memoryoss.toml).",
      scope = CommandLine.ScopeType.INHERIT)
  Path config;

  @Option(names = "-v", description = "Verbose logging (debug).",
      scope = CommandLine.ScopeType.INHERIT)
  boolean verbose;

  Path configPath() {
    return config != null ? config : Path.of("memoryoss.toml");
  }

  boolean configGiven() {
    return config != null;
  }

  @Override
  public Integer call() throws Exception {
    ServeCommand serve = new ServeCommand();
    serve.root = this;
    return serve.call();
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof ConfigException c) {
        cmd.getErr().println("memoryoss: config error: " + c.getMessage());
        return 2;
      }
      if (e instanceof com.memoryoss.cli.setup.SetupException s) {
        cmd.getErr().println("memoryoss setup: " + s.getMessage());
        return 1;
      }
      if (e instanceof com.memoryoss.cli.backup.BackupException b) {
        cmd.getErr().println("memoryoss " + cmd.getCommandName() + ": " + b.getMessage());
        return 1;
      }
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      cmd.getErr().println("memoryoss: " + (root.getMessage() != null ? root.getMessage()
          : root.getClass().getSimpleName()));
      return 1;
    });
    return cl.execute(args);
  }
}
