package com.memoryoss.shard;

import com.memoryoss.protocol.MemoryException;
import com.memoryoss.protocol.NamespaceCommand;
import com.memoryoss.protocol.Rejection;
import java.time.Duration;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/** Asks an entity in a test: the success value, or a {@link Rejected} for a refusal. */
final class EntityAsk {
  private EntityAsk() {}

  /** A refusal as the tests compare it. */
  record Rejected(Rejection reason, String message) {}

  /**
   * The reply probe is passed raw so that one helper serves every command (each names its own
   * result type).
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static Object ask(ActorTestKit kit, ActorRef<NamespaceCommand> ref,
      Function<ActorRef, NamespaceCommand> cmd) {
    TestProbe<StatusReply<?>> probe = kit.createTestProbe();
    ref.tell(cmd.apply((ActorRef) probe.ref()));
    return unwrap(probe.receiveMessage(Duration.ofSeconds(10)));
  }

  static Object unwrap(StatusReply<?> reply) {
    if (reply.isSuccess()) {
      return reply.getValue();
    }
    if (reply.getError() instanceof MemoryException m) {
      return new Rejected(m.reason(), m.getMessage());
    }
    throw new AssertionError("not a refusal: " + reply.getError());
  }
}
