package com.memoryoss.protocol.api;

/**
 * Who is asking, after authentication: the one namespace the credential is confined to and the
 * opaque subject (key id) recorded as provenance on writes.
 */
public record Caller(String namespace, String subject) {}
