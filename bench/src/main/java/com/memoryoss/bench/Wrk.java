package com.memoryoss.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP load from {@code wrk} (C, so the load generator does not eat the CPU the server needs on a
 * 2-core machine). Each request carries a unique body made by a Lua script.
 */
final class Wrk {
  record Result(double requestsPerSec, double p50Ms, double p99Ms, long requests, long errors) {}

  static boolean available() {
    try {
      return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start()
          .waitFor() >= 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /**
   * A script POSTing JSON to {@code path}: {@code batch} memories in a {@code memories} array, or
   * one store body when {@code batch} is 0. Every memory's content is unique.
   */
  static Path storeScript(Path dir, String name, String path, int batch) throws IOException {
    return script(dir, name, path, batch == 0 ? "fact(n, 0)" : """
        (function()
          local parts = {}
          for k = 1, %d do parts[k] = fact(n, k) end
          return '{"memories":[' .. table.concat(parts, ',') .. ']}'
        end)()""".formatted(batch));
  }

  /** A script POSTing JSON to {@code path}; {@code bodyLua} is a Lua expression using n. */
  static Path script(Path dir, String name, String path, String bodyLua) throws IOException {
    Path f = dir.resolve(name + ".lua");
    Files.writeString(f, """
        local threads = 0
        local counter = 0
        setup = function(thread) thread:set("tid", threads); threads = threads + 1 end
        init = function(args) math.randomseed(os.time() + tid * 7919) end
        fact = function(n, k)
          return '{"content":"benchmark fact ' .. n .. '-' .. k .. ' about the deploy pipeline'
            .. ' and its flaky integration tests","tags":["bench"],"agent":"bench"}'
        end
        request = function()
          counter = counter + 1
          local n = tid .. '-' .. counter .. '-' .. math.random(1, 1000000000)
          return wrk.format("POST", "%s", {["Content-Type"]="application/json"}, %s)
        end
        """.formatted(path, bodyLua));
    return f;
  }

  static Result run(String baseUrl, Path script, int connections, double seconds)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections,
        "-d" + (int) Math.ceil(seconds) + "s", "--latency", "--timeout", "30s",
        "-s", script.toString(), baseUrl));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return new Result(num(out, "Requests/sec:\\s+([\\d.]+)"), ms(out, "50%"), ms(out, "99%"),
        (long) num(out, "(\\d+) requests in"),
        (long) num(out, "Non-2xx or 3xx responses:\\s+(\\d+)")
            + (long) num(out, "Socket errors:.*?timeout (\\d+)"));
  }

  private static double num(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private static double ms(String out, String pct) {
    Matcher m = Pattern.compile(pct + "\\s+([\\d.]+)(us|ms|s)").matcher(out);
    if (!m.find()) {
      return Double.NaN;
    }
    double v = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> v / 1000;
      case "s" -> v * 1000;
      default -> v;
    };
  }
}
