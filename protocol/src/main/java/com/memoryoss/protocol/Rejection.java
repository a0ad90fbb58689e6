package com.memoryoss.protocol;

/** Why a command was refused. The HTTP layer maps each reason to one status code. */
public enum Rejection {
  /** The request is malformed or breaks a rule (400). */
  INVALID,
  /** No such memory in the namespace (404). */
  NOT_FOUND,
  /** The caller's credential is missing or wrong (401). */
  UNAUTHORIZED,
  /** The caller may not do this (403). */
  FORBIDDEN,
  /** The namespace cannot serve the request right now (503); safe to retry. */
  UNAVAILABLE,
  /** Too much work queued; retry later (429). */
  BUSY
}
