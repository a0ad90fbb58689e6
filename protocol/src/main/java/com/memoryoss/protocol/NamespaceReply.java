package com.memoryoss.protocol;

import com.memoryoss.protocol.api.RecallResponse;
import com.memoryoss.protocol.api.StoreResponse;
import java.util.List;

/** Everything a namespace entity answers. */
public sealed interface NamespaceReply extends CborSerializable {

  /** Durably stored, in request order. */
  record Stored(List<StoreResponse> stored) implements NamespaceReply {}

  /** Ranked hits for a recall. */
  record Recalled(RecallResponse response) implements NamespaceReply {}

  /** The memory after an update. */
  record Updated(Memory memory) implements NamespaceReply {}

  /** How many memories a forget removed. */
  record Forgotten(int deleted) implements NamespaceReply {}

  /** One memory. */
  record Found(Memory memory) implements NamespaceReply {}

  /** One page of a listing; {@code total} counts every match. */
  record Listed(List<Memory> memories, int total, String nextCursor) implements NamespaceReply {}

  /** All non-archived memories, oldest first. */
  record Exported(List<Memory> memories) implements NamespaceReply {}

  /**
   * Counts for health and admin views.
   *
   * @param indexLag acknowledged writes not yet searchable
   */
  record Stats(int memories, int indexed, long indexLag) implements NamespaceReply {}

  /** The command was refused; nothing changed. */
  record Rejected(Rejection reason, String message) implements NamespaceReply {}
}
