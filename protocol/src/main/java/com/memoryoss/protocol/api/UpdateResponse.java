package com.memoryoss.protocol.api;

import com.memoryoss.protocol.MemoryStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reply of an update. */
public record UpdateResponse(
    UUID id,
    long version,
    Instant updatedAt,
    MemoryStatus status,
    boolean eligibleForInjection,
    List<UUID> contradictsWith) {

  public UpdateResponse {
    contradictsWith = contradictsWith == null ? List.of() : List.copyOf(contradictsWith);
  }
}
