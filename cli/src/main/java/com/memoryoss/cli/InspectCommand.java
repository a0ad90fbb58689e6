package com.memoryoss.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.memoryoss.client.HttpMemoryService;
import com.memoryoss.client.WireJson;
import com.memoryoss.protocol.Rejection;
import com.memoryoss.protocol.api.InspectResponse;
import com.memoryoss.protocol.MemoryException;
import com.memoryoss.client.MemoryEndpoint;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code memoryoss inspect <id>}: one memory with every field, its trust breakdown and review
 * state, read through the running server's API (so it works while the server runs, in any
 * namespace the configured key may read).
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Show one memory (every field, trust breakdown, review state) as JSON, read"
        + " from the running server (GET /v1/inspect/{id}).")
final class InspectCommand implements Callable<Integer> {
  @ParentCommand Main root;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The memory's id (a UUID).")
  String id;

  @Override
  public Integer call() throws Exception {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("memoryoss: not a memory id: " + id);
      return 2;
    }
    MemoryEndpoint endpoint = ConfigLocation.endpoint(root, System.getenv());
    try {
      InspectResponse memory = HttpMemoryService.await(
          new HttpMemoryService(endpoint).inspect(ConfigLocation.CALLER, uuid));
      spec.commandLine().getOut().println(
          WireJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(memory));
      return 0;
    } catch (MemoryException e) {
      spec.commandLine().getErr().println("memoryoss: " + (e.reason() == Rejection.NOT_FOUND
          ? "no memory " + uuid + " (in the namespace of the configured key)" : e.getMessage()));
      return 1;
    }
  }
}
