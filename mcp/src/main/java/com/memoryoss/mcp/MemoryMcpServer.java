package com.memoryoss.mcp;

import com.memoryoss.client.HttpMemoryService;
import com.memoryoss.mcp.internal.StdioBridge;
import com.memoryoss.mcp.internal.MemoryTools;
import com.memoryoss.mcp.internal.ToolCatalogue;
import com.memoryoss.protocol.api.Caller;
import com.memoryoss.protocol.api.MemoryService;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP stdio server: the four memory tools over JSON-RPC on the given streams, each call made
 * through the {@link MemoryService} port (in production the running server's HTTP memory API,
 * {@link HttpMemoryService}).
 *
 * <p>Contract: the output stream carries JSON-RPC only, one message per line (the caller routes
 * logs elsewhere); lines that are not JSON-RPC messages are answered with a parse error instead
 * of stopping the server;
 * {@link #serve} returns when the input has ended and every request read has been answered (or
 * the memory-API timeout plus a few seconds passed); no server needs to be running for the MCP server to
 * start and list its tools, only for calls to succeed.
 */
public final class MemoryMcpServer {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryMcpServer.class);

  private MemoryMcpServer() {}

  /** The JSON mapper the SDK uses for the protocol (Jackson 3). */
  public static McpJsonMapper jsonMapper() {
    return new JacksonMcpJsonMapper(JsonMapper.builder().build());
  }

  /** Who the tools act as: the configured key decides the namespace on the server's side. */
  public static final Caller CALLER = new Caller(null, "mcp");

  /** The tool specifications, each bound to {@code memory}. */
  public static List<SyncToolSpecification> toolSpecifications(
      MemoryService memory, Caller caller, McpJsonMapper mapper) {
    MemoryTools tools = new MemoryTools(memory, caller);
    return ToolCatalogue.tools(mapper).stream()
        .map(tool -> SyncToolSpecification.builder()
            .tool(tool)
            .callHandler((exchange, request) -> tools.call(tool.name(), request.arguments()))
            .build())
        .toList();
  }

  /**
   * Serves MCP on {@code in}/{@code out} until {@code in} ends.
   *
   * @param version reported as the server's version at initialisation
   */
  public static void serve(HttpMemoryService client, String version, InputStream in,
      OutputStream out) throws InterruptedException {
    McpJsonMapper mapper = jsonMapper();
    StdioBridge bridge = new StdioBridge(in, out, client.endpoint().timeout().plusSeconds(5));
    McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(mapper,
            bridge.transportInput(), bridge.transportOutput()))
        .serverInfo("memoryoss", version)
        .instructions(ToolCatalogue.INSTRUCTIONS)
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .tools(toolSpecifications(client, CALLER, mapper))
        .build();
    // Probe in the background: tools/list must not wait for it, and a missing server is only a
    // warning (it may be started later).
    Thread.ofVirtual().name("memoryoss-health-probe").start(() -> {
      if (!client.healthy().toCompletableFuture().join()) {
        LOG.warn("no memoryOSS server answers at {} yet; tool calls fail until one runs"
            + " (start it with `{}`)", client.endpoint().baseUrl(), client.endpoint().startHint());
      }
    });
    bridge.start();
    bridge.awaitClosed();
    server.closeGracefully();
  }
}
