package com.memoryoss.cli.backup;

/** A backup or restore that cannot go ahead; the message says why, and nothing was changed. */
public final class BackupException extends RuntimeException {
  public BackupException(String message) {
    super(message, null, false, false);
  }
}
