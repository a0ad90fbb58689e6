package com.memoryoss.shard.internal;

import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.NamespaceReply;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * One group commit: the stores gathered while the previous one was being written. Each unit is a
 * single store or a whole batch, answered together once everything is durable.
 */
public record Flush(List<Unit> units) {

  /** Memories of one request and who to answer. */
  public record Unit(List<Memory> memories, ActorRef<NamespaceReply> replyTo) {}

  public List<Memory> memories() {
    List<Memory> all = new ArrayList<>();
    units.forEach(u -> all.addAll(u.memories()));
    return all;
  }

  public List<UUID> ids() {
    return memories().stream().map(Memory::id).toList();
  }
}
