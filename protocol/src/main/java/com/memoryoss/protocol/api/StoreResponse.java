package com.memoryoss.protocol.api;

import com.memoryoss.protocol.NamespaceReply;
import java.util.UUID;

/** Reply of a store: the new memory's id and version (always 1). */
public record StoreResponse(UUID id, long version) {

  public static StoreResponse of(NamespaceReply.Receipt r) {
    return new StoreResponse(r.id(), r.version());
  }
}
