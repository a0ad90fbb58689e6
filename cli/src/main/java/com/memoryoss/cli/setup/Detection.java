package com.memoryoss.cli.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What is installed and how it authenticates, read from the home directory, the environment and
 * PATH. Never reads more of a credential file than whether a credential is there; key values are
 * never kept or printed.
 *
 * @param claudeOauth Claude Code signed in with a subscription ({@code claudeAiOauth})
 * @param claudeSubscription its {@code subscriptionType}, if it says
 * @param codexOauth Codex signed in with ChatGPT ({@code tokens} in {@code auth.json})
 * @param openAiKey an OpenAI API key in the environment, a shell rc export or Codex's auth.json
 * @param anthropicKey an Anthropic API key in the environment or a shell rc export
 */
record Detection(
    boolean claude,
    boolean codex,
    boolean cursor,
    Path codexHome,
    boolean claudeOauth,
    String claudeSubscription,
    boolean codexOauth,
    boolean openAiKey,
    boolean anthropicKey,
    Path shellRc) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> RC_FILES = List.of(".bashrc", ".bash_profile", ".profile",
      ".zshrc");

  static Detection of(Path home, Map<String, String> env) {
    String codexEnv = env.get("CODEX_HOME");
    Path codexHome = codexEnv != null && !codexEnv.isBlank() ? Path.of(codexEnv)
        : home.resolve(".codex");
    boolean claude = Files.isDirectory(home.resolve(".claude")) || onPath(env, "claude");
    boolean codex = (codexEnv != null && !codexEnv.isBlank())
        || Files.isDirectory(home.resolve(".codex")) || onPath(env, "codex");
    boolean cursor = Files.isDirectory(home.resolve(".cursor")) || onPath(env, "cursor")
        || onPath(env, "cursor-agent");

    JsonNode claudeCreds = firstJson(home.resolve(".claude").resolve(".credentials.json"),
        home.resolve(".claude").resolve("credentials.json"));
    JsonNode oauth = claudeCreds.path("claudeAiOauth");
    JsonNode codexAuth = firstJson(codexHome.resolve("auth.json"));

    String openAi = env.get("OPENAI_API_KEY");
    boolean openAiKey = (openAi != null && openAi.startsWith("sk-") && openAi.length() > 10)
        || exportedInRc(home, "OPENAI_API_KEY")
        || !codexAuth.path("OPENAI_API_KEY").asText("").isBlank();
    String anthropic = env.get("ANTHROPIC_API_KEY");
    boolean anthropicKey = (anthropic != null && anthropic.startsWith("sk-ant-"))
        || exportedInRc(home, "ANTHROPIC_API_KEY");

    String shell = env.getOrDefault("SHELL", "");
    Path rc = home.resolve(shell.contains("zsh") ? ".zshrc" : ".bashrc");
    return new Detection(claude, codex, cursor, codexHome, oauth.isObject(),
        oauth.path("subscriptionType").asText(null),
        codexAuth.path("tokens").isObject(), openAiKey, anthropicKey, rc);
  }

  /** True when an executable of that name is in one of PATH's directories. */
  static boolean onPath(Map<String, String> env, String name) {
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path p = Path.of(dir).resolve(name);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean exportedInRc(Path home, String name) {
    Pattern p = Pattern.compile("^\\s*export\\s+" + name + "=\\s*(['\"]?)(\\S+?)\\1\\s*$",
        Pattern.MULTILINE);
    for (String f : RC_FILES) {
      Path file = home.resolve(f);
      try {
        if (Files.isRegularFile(file) && p.matcher(Files.readString(file)).find()) {
          return true;
        }
      } catch (IOException | java.io.UncheckedIOException unreadable) {
        // an unreadable rc file simply tells nothing
      }
    }
    return false;
  }

  private static JsonNode firstJson(Path... files) {
    for (Path f : files) {
      try {
        if (Files.isRegularFile(f)) {
          JsonNode n = JSON.readTree(f.toFile());
          if (n != null) {
            return n;
          }
        }
      } catch (IOException unreadable) {
        // not JSON or not readable: nothing detected from it
      }
    }
    return JSON.missingNode();
  }
}
