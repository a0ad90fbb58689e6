package com.memoryoss.protocol.api;

import com.memoryoss.protocol.Rejection;

/**
 * The failure every {@link MemoryService} stage completes with when a request is refused. The
 * message is safe to show to the caller: it never carries memory content or secrets.
 */
public final class MemoryException extends RuntimeException {
  private final Rejection reason;

  public MemoryException(Rejection reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Rejection reason() {
    return reason;
  }

  public static MemoryException invalid(String message) {
    return new MemoryException(Rejection.INVALID, message);
  }
}
