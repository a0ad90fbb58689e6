package com.memoryoss.gateway.auth;

/**
 * An authenticated caller: an opaque subject (a key id, never the key), a role, and the one
 * namespace the credential is confined to.
 */
public record Claims(String subject, Role role, String namespace) {}
