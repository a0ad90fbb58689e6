package com.memoryoss.shard.internal;

import com.memoryoss.protocol.Memory;
import com.memoryoss.protocol.MemoryException;
import com.memoryoss.protocol.NamespaceEvent;
import com.memoryoss.protocol.NamespaceReply;
import com.memoryoss.protocol.NamespaceReply.Receipt;
import com.memoryoss.shard.NamespaceState;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * One group commit: the stores gathered while the previous one was being written. Each unit is a
 * single store, a whole batch, or a learn (new candidates plus revisions of existing memories),
 * answered together once everything is durable.
 */
public record Flush(List<Unit<?>> units) {

  /**
   * Memories of one request, events to persist with them (computed from the state at commit
   * time, so they never overwrite a change made meanwhile), and how to answer.
   */
  public record Unit<R extends NamespaceReply>(
      List<Memory> memories,
      ActorRef<StatusReply<R>> replyTo,
      Function<NamespaceState, List<NamespaceEvent>> after,
      BiFunction<List<Receipt>, List<NamespaceEvent>, R> reply) {

    /** A plain store or batch, answered with the stored ids. */
    public static Unit<NamespaceReply.Stored> store(List<Memory> memories,
        ActorRef<StatusReply<NamespaceReply.Stored>> replyTo) {
      return new Unit<>(memories, replyTo, s -> List.of(),
          (stored, ev) -> new NamespaceReply.Stored(stored));
    }

    /** Answers: everything of this unit is durable. */
    public void succeed(List<Receipt> stored, List<NamespaceEvent> extra) {
      replyTo.tell(StatusReply.success(reply.apply(stored, extra)));
    }

    public void fail(MemoryException why) {
      replyTo.tell(StatusReply.error(why));
    }
  }

  public List<Memory> memories() {
    List<Memory> all = new ArrayList<>();
    units.forEach(u -> all.addAll(u.memories()));
    return all;
  }

  public List<UUID> ids() {
    return memories().stream().map(Memory::id).toList();
  }
}
