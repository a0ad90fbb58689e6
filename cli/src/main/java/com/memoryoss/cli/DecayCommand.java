package com.memoryoss.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.memoryoss.client.HttpMemoryService;
import com.memoryoss.protocol.api.DecayRequest;
import com.memoryoss.protocol.api.DecayResponse;
import com.memoryoss.protocol.MemoryException;
import com.memoryoss.client.MemoryEndpoint;
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
      DecayResponse r = HttpMemoryService.await(new HttpMemoryService(endpoint)
          .decay(ConfigLocation.CALLER, new DecayRequest(null, afterDays, dryRun)));
      out.printf("namespace %s, idle for %d days or more: %d memories examined, %d %s stale,"
          + " %d %s archived%n", r.namespace(), r.afterDays(), r.examined(), r.staled(),
          dryRun ? "would become" : "became", r.archived(), dryRun ? "would be" : "were");
      if (r.pending() > 0) {
        out.printf("%d more changes are left for the next sweep (run it again)%n", r.pending());
      }
      return 0;
    } catch (MemoryException e) {
      err.println("memoryoss: " + e.getMessage());
      return 1;
    }
  }
}
