package com.memoryoss.cli;

import com.memoryoss.cli.client.ServerEndpoints;
import com.memoryoss.cli.config.ConfigFile;
import com.memoryoss.cli.config.ConfigLoader;
import com.memoryoss.cli.node.Logging;
import com.memoryoss.client.HttpMemoryService;
import com.memoryoss.client.MemoryEndpoint;
import com.memoryoss.mcp.MemoryMcpServer;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code memoryoss [-c FILE] mcp-server}: the MCP stdio server. It is a client of the running
 * server's HTTP memory API and starts nothing else (no actor system, no database), so it is ready
 * to list its tools in about a second.
 */
@Command(name = "mcp-server", mixinStandardHelpOptions = true,
    description = {"MCP server on stdin/stdout with the tools memoryoss_recall, memoryoss_store,"
        + " memoryoss_update and memoryoss_forget, for Claude Code, Codex, Cursor and other MCP"
        + " clients.",
        "It forwards every call to the running server named by the config ([server], [tls],"
        + " first [[auth.api_keys]] key); without a config it talks to `memoryoss dev` on"
        + " 127.0.0.1:8000. Exits when stdin ends."})
final class McpServerCommand implements Callable<Integer> {
  @ParentCommand Main root;

  @Override
  public Integer call() throws InterruptedException {
    // stdout belongs to JSON-RPC: keep the real one for the transport and send anything else
    // that writes to System.out (a library, a stray print) to stderr.
    PrintStream rpc = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
    System.setOut(System.err);
    Optional<Path> file = ConfigLocation.find(root, System.getenv());
    ConfigFile cfg = file.map(f -> ConfigLoader.load(f, System.getenv())).orElse(null);
    Logging.configure(root.verbose ? "debug" : cfg == null ? "info" : cfg.logging().level(),
        cfg != null && cfg.logging().json());
    MemoryEndpoint endpoint = cfg == null ? ServerEndpoints.devDefaults()
        : ServerEndpoints.of(cfg, file.get());
    LoggerFactory.getLogger(McpServerCommand.class).debug("memory API at {} ({})",
        endpoint.baseUrl(), file.map(Path::toString).orElse("no config: dev defaults"));
    MemoryMcpServer.serve(new HttpMemoryService(endpoint), Version.current(), System.in, rpc);
    rpc.flush();
    return 0;
  }
}
