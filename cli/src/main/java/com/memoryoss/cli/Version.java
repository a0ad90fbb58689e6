package com.memoryoss.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The build's version, from a resource Maven filters at build time. */
public final class Version implements CommandLine.IVersionProvider {
  public static String current() {
    return property("version", "unknown");
  }

  /**
   * Where this build's source is published (Maven property {@code memoryoss.source.url}), or
   * {@code null} when the build was not told.
   */
  public static String sourceUrl() {
    String url = property("source", "");
    return url.isBlank() || url.startsWith("${") ? null : url.strip();
  }

  private static String property(String name, String fallback) {
    try (InputStream in = Version.class.getResourceAsStream("/memoryoss-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty(name, fallback);
    } catch (IOException e) {
      return fallback;
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"memoryoss " + current(),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
            + ")"};
  }
}
