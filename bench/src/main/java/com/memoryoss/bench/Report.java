package com.memoryoss.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Prints a markdown report and keeps a copy under bench/reports/. */
final class Report {
  private final StringBuilder md = new StringBuilder();
  private final String name;

  Report(String name, String title) {
    this.name = name;
    line("# " + title);
    line("");
    line("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version") + "; " + LocalDateTime.now()
        .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16));
    line("");
  }

  Report line(String s) {
    md.append(s).append('\n');
    System.out.println(s);
    return this;
  }

  void save() throws IOException {
    Path dir = BenchServer.root().resolve("bench/reports");
    Files.createDirectories(dir);
    Path f = dir.resolve(name + ".md");
    Files.writeString(f, md);
    System.out.println("\n(report written to " + f + ")");
  }
}
