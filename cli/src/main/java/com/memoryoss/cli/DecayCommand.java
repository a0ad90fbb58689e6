package com.memoryoss.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.memoryoss.mcp.HttpMemoryClient;
import com.memoryoss.mcp.MemoryApiException;
import com.memoryoss.mcp.MemoryEndpoint;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code memoryoss decay [--dry-run] [--after-days N]}: asks the running server to run the
 * age-based lifecycle sweep on the configured key's namespace now, and prints what it changed.
 * The server owns the data (the journal is not opened behind its back), so it must be running.
 */
@Command(name = "decay", mixinStandardHelpOptions = true,
    description = "Run the age-based lifecycle sweep on the namespace of the configured key"
        + " (POST /v1/admin/decay): idle memories nothing speaks for become stale, idle stale"
        + " ones are archived.")
final class DecayCommand implements Callable<Integer> {
  @ParentCommand Main root;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--dry-run", description = "Report what would change; change nothing.")
  boolean dryRun;

  @Option(names = "--after-days", paramLabel = "N",
      description = "Idle days before a memory decays (default: [decay] after_days).")
  Integer afterDays;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (afterDays != null && afterDays < 0) {
      err.println("memoryoss: --after-days must be at least 0");
      return 2;
    }
    MemoryEndpoint endpoint = ConfigLocation.endpoint(root, System.getenv());
    try {
      JsonNode r = new HttpMemoryClient(endpoint).decay(afterDays, dryRun);
      out.printf("namespace %s, idle for %d days or more: %d memories examined, %d %s stale,"
          + " %d %s archived%n", r.path("namespace").asText(), r.path("after_days").asInt(),
          r.path("examined").asInt(), r.path("staled").asInt(),
          dryRun ? "would become" : "became", r.path("archived").asInt(),
          dryRun ? "would be" : "were");
      if (r.path("pending").asInt() > 0) {
        out.printf("%d more changes are left for the next sweep (run it again)%n",
            r.path("pending").asInt());
      }
      return 0;
    } catch (MemoryApiException e) {
      err.println("memoryoss: " + e.getMessage());
      return 1;
    }
  }
}
