package com.memoryoss.protocol.api;

import com.memoryoss.protocol.CborSerializable;
import java.util.UUID;

/** Reply of a store: the new memory's id and version (always 1). */
public record StoreResponse(UUID id, long version) implements CborSerializable {}
