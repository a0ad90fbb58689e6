package com.memoryoss.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/memoryoss} once, as a user would, and collects what it printed. */
final class Cli {
  record Result(int exit, String out, String err) {}

  private Cli() {}

  static Result run(Map<String, String> env, String stdin, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(ServerProcess.ROOT.resolve("bin/memoryoss").toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("MEMORYOSS_SKIP_BUILD", "1");
    pb.environment().putAll(env);
    Process p = pb.start();
    CompletableFuture<String> out = drain(p.getInputStream());
    CompletableFuture<String> err = drain(p.getErrorStream());
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("memoryoss " + String.join(" ", args) + " did not exit");
    }
    return new Result(p.exitValue(), out.get(), err.get());
  }

  static Path executable(Path dir, String name) throws IOException {
    Path f = Files.writeString(dir.resolve(name), "#!/bin/sh\nexit 0\n");
    f.toFile().setExecutable(true);
    return f;
  }

  private static CompletableFuture<String> drain(java.io.InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    });
  }
}
