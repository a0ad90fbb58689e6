package com.memoryoss.cli.config;

/**
 * A configuration problem, reported as one line naming the key: {@code server.port: must be
 * between 0 and 65535 (got 70000)}.
 */
public final class ConfigException extends RuntimeException {
  private final String key;

  public ConfigException(String key, String problem) {
    super(key.isEmpty() ? problem : key + ": " + problem, null, false, false);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
