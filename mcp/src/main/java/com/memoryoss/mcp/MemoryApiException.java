package com.memoryoss.mcp;

/**
 * A call to the memory API that did not succeed. {@link #unreachable()} distinguishes "no server
 * answered" (nothing is listening, TLS failed, timeout) from a refusal the server sent back with an
 * HTTP status; the message is fit to show a user or a model as it is.
 */
public final class MemoryApiException extends RuntimeException {
  private final int status;

  private MemoryApiException(int status, String message, Throwable cause) {
    super(message, cause, false, false);
    this.status = status;
  }

  /** The server answered {@code status} with {@code message} (its {@code error} field). */
  public static MemoryApiException refused(int status, String message) {
    return new MemoryApiException(status, message, null);
  }

  /** No usable answer: {@code message} says what failed and how to start a server. */
  public static MemoryApiException unreachable(String message, Throwable cause) {
    return new MemoryApiException(0, message, cause);
  }

  /** True when no server answered at all. */
  public boolean unreachable() {
    return status == 0;
  }

  /** The HTTP status of a refusal; 0 when unreachable. */
  public int status() {
    return status;
  }
}
