package com.memoryoss.extractor;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it leaves the machine (an extraction prompt) or is stored:
 * provider API keys (OpenAI, Anthropic, Google), cloud and forge credentials (AWS, GitHub, Slack),
 * JWTs, PEM private keys, bearer tokens, {@code password=}-style pairs and credentials embedded
 * in connection strings. Each secret becomes {@code [REDACTED:<kind>]}, so the surrounding fact
 * stays readable ("the deploy key is [REDACTED:github-token]").
 *
 * <p>Patterns are anchored on the formats' own prefixes and lengths, so ordinary words
 * ("passwordless", "tokenizer") and non-secret hashes (git SHAs, checksums) pass untouched.
 * Thread-safe.
 */
public final class Redactor {
  private record Rule(String kind, Pattern pattern, int group) {}

  private static final List<Rule> RULES = List.of(
      new Rule("private-key", Pattern.compile(
          "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\\s\\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE"
              + " KEY-----|-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\\s\\S]*"), 0),
      new Rule("anthropic-key", Pattern.compile("\\bsk-ant-[A-Za-z0-9_-]{20,}"), 0),
      new Rule("openai-key", Pattern.compile(
          "\\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}"), 0),
      new Rule("aws-access-key", Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)"
          + "[A-Z0-9]{16}\\b"), 0),
      new Rule("aws-secret-key", Pattern.compile("(?i)(aws_?secret_?(?:access_?)?key"
          + "(?:_id)?\\s*[=:]\\s*[\"']?)([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])"), 2),
      new Rule("github-token", Pattern.compile(
          "\\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})"), 0),
      new Rule("slack-token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}"), 0),
      new Rule("google-api-key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b"), 0),
      new Rule("jwt", Pattern.compile(
          "\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"), 0),
      new Rule("connection-credentials", Pattern.compile(
          "\\b([a-z][a-z0-9+.-]{1,20}://[^\\s:/@]+:)([^\\s@/]{1,200})(@)"), 2),
      new Rule("bearer-token", Pattern.compile("(?i)(\\bbearer\\s+)([A-Za-z0-9._~+/=-]{16,})"),
          2),
      new Rule("secret", Pattern.compile("(?i)(\\b(?:[a-z0-9]+[_-])*(?:password|passwd|pwd|secret|client_secret"
          + "|api[_-]?key|apikey|access[_-]?token|auth[_-]?token|token|private[_-]?key)"
          + "\\b\\s*[=:]\\s*)(\"[^\"\\n]{4,}\"|'[^'\\n]{4,}'|[^\\s,;\"']{4,})"), 2));

  private Redactor() {}

  /** The text with every recognised secret replaced. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (Rule r : RULES) {
      Matcher m = r.pattern().matcher(out);
      if (!m.find()) {
        continue;
      }
      StringBuilder sb = new StringBuilder();
      m.reset();
      while (m.find()) {
        String replacement;
        if (r.group() == 0) {
          replacement = "[REDACTED:" + r.kind() + "]";
        } else {
          String whole = m.group();
          int s = m.start(r.group()) - m.start();
          int e = m.end(r.group()) - m.start();
          if (m.group(r.group()).startsWith("[REDACTED:")) {
            replacement = whole;
          } else {
            replacement = whole.substring(0, s) + "[REDACTED:" + r.kind() + "]"
                + whole.substring(e);
          }
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
      }
      m.appendTail(sb);
      out = sb.toString();
    }
    return out;
  }

  /** True when {@link #redact} would change the text. */
  public static boolean containsSecret(String text) {
    return text != null && !redact(text).equals(text);
  }
}
