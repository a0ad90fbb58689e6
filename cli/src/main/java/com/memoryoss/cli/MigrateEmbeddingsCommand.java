package com.memoryoss.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.memoryoss.client.HttpMemoryService;
import com.memoryoss.client.WireJson;
import com.memoryoss.protocol.api.IndexHealthResponse;
import com.memoryoss.protocol.MemoryException;
import com.memoryoss.client.MemoryEndpoint;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code memoryoss migrate-embeddings --model M}: asks the running server to re-embed the
 * configured key's namespace with another model, then follows the progress until the namespace
 * has switched. Recall keeps working on the old vectors meanwhile; the server does the work, so
 * interrupting this command does not stop the migration.
 */
@Command(name = "migrate-embeddings", mixinStandardHelpOptions = true,
    description = "Re-embed the namespace of the configured key with another embedding model"
        + " (POST /v1/admin/migrate-embeddings) and follow its progress.")
final class MigrateEmbeddingsCommand implements Callable<Integer> {
  @ParentCommand Main root;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true,
      description = "Target model: e5-small-v2, all-minilm-l6-v2 or none.")
  String model;

  @Option(names = "--no-wait", description = "Start the migration and return at once.")
  boolean noWait;

  @Option(names = "--poll-ms", hidden = true, defaultValue = "1000")
  long pollMs;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    MemoryEndpoint endpoint = ConfigLocation.endpoint(root, System.getenv());
    HttpMemoryService client = new HttpMemoryService(endpoint);
    try {
      IndexHealthResponse health = HttpMemoryService.await(
          client.migrateEmbeddings(ConfigLocation.CALLER, model));
      String last = "";
      while (!noWait && health.migration() != null) {
        IndexHealthResponse.Migration m = health.migration();
        String line = "re-embedding with " + m.model() + ": " + m.done() + " / " + m.total();
        if (!line.equals(last)) {
          err.println(line);
          err.flush();
          last = line;
        }
        Thread.sleep(pollMs);
        health = HttpMemoryService.await(client.indexHealth(ConfigLocation.CALLER));
      }
      out.println(WireJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(health));
      if (!noWait && !model.equals(health.model())) {
        err.println("memoryoss: the migration to " + model + " did not complete (the namespace"
            + " is on " + health.model() + "); see the server's log");
        return 1;
      }
      return 0;
    } catch (MemoryException e) {
      err.println("memoryoss: " + e.getMessage());
      return 1;
    }
  }
}
