package com.memoryoss.protocol.api;

/**
 * Input limits of the memory API ({@code [limits]} in the config). Defaults are the original's.
 *
 * @param maxContentBytes largest content and query, in UTF-8 bytes
 * @param maxTags most tags on one memory
 * @param maxTagLength longest tag, in UTF-8 bytes
 * @param maxNamespaceLength longest namespace name, in UTF-8 bytes
 */
public record Limits(int maxContentBytes, int maxTags, int maxTagLength, int maxNamespaceLength) {

  public static final Limits DEFAULTS = new Limits(32_768, 50, 256, 128);

  /** Longest agent or session label, in UTF-8 bytes. */
  public static final int MAX_LABEL_BYTES = 256;

  public static final int MAX_BATCH_STORE = 1000;
  public static final int MAX_BATCH_RECALL = 10;
  public static final int MAX_RECALL_LIMIT = 100;
  public static final int MAX_LIST_LIMIT = 1000;
  public static final int MAX_FILTER_FORGET = 10_000;

  public Limits {
    if (maxContentBytes <= 0 || maxTags < 0 || maxTagLength <= 0 || maxNamespaceLength <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
