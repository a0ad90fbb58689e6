package com.memoryoss.protocol;

/**
 * A refusal: the one failure a namespace answers with ({@code StatusReply.error}) and the one every
 * {@link com.memoryoss.protocol.api.MemoryService} stage completes with when a request is refused.
 * It crosses nodes through its own serializer ({@link MemoryExceptionSerializer}): reason, message
 * and retry hint, never a stack trace.
 *
 * <p>The message is safe to show to the caller: it never carries memory content or secrets. The
 * mapping of a {@link Rejection} to an HTTP status lives in the gateway alone.
 */
public final class MemoryException extends RuntimeException {
  private final Rejection reason;
  private final long retryAfterMs;

  public MemoryException(Rejection reason, String message) {
    this(reason, message, 0);
  }

  /**
   * @param retryAfterMs when a retry may succeed (for {@link Rejection#BUSY} and {@link
   *     Rejection#UNAVAILABLE}); 0 when the caller should not retry unchanged or no hint exists
   */
  public MemoryException(Rejection reason, String message, long retryAfterMs) {
    super(message, null, false, false);
    this.reason = java.util.Objects.requireNonNull(reason, "reason");
    this.retryAfterMs = Math.max(0, retryAfterMs);
  }

  public Rejection reason() {
    return reason;
  }

  /** Milliseconds after which a retry may succeed; 0 when there is no hint. */
  public long retryAfterMs() {
    return retryAfterMs;
  }

  public static MemoryException invalid(String message) {
    return new MemoryException(Rejection.INVALID, message);
  }

  public static MemoryException notFound(String message) {
    return new MemoryException(Rejection.NOT_FOUND, message);
  }

  public static MemoryException forbidden(String message) {
    return new MemoryException(Rejection.FORBIDDEN, message);
  }

  public static MemoryException busy(String message, long retryAfterMs) {
    return new MemoryException(Rejection.BUSY, message, retryAfterMs);
  }

  public static MemoryException unavailable(String message, long retryAfterMs) {
    return new MemoryException(Rejection.UNAVAILABLE, message, retryAfterMs);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MemoryException e && reason == e.reason
        && retryAfterMs == e.retryAfterMs && java.util.Objects.equals(getMessage(), e.getMessage());
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(reason, getMessage(), retryAfterMs);
  }

  @Override
  public String toString() {
    return "MemoryException[" + reason + ": " + getMessage() + "]";
  }
}
