package com.memoryoss.shard.internal;

import com.memoryoss.protocol.CborSerializable;
import java.util.UUID;

/**
 * How a {@link com.memoryoss.protocol.NamespaceEvent} sits in the journal: the memory it concerns,
 * the event's kind, and the event sealed with AES-256-GCM. Events that carry content are sealed
 * with the memory's own key; content-free events (forgets) with the namespace key.
 *
 * <p>Frozen: this class name and its components are in every journal row.
 */
public record SealedEvent(UUID memoryId, String kind, boolean namespaceKey, byte[] sealed)
    implements CborSerializable {}
