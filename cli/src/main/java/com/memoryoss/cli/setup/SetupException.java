package com.memoryoss.cli.setup;

/** The wizard cannot do what was asked; the message says why and what to do instead. */
public final class SetupException extends RuntimeException {
  public SetupException(String message) {
    super(message, null, false, false);
  }
}
