package com.memoryoss.shard;

import com.memoryoss.protocol.NamespaceCommand;
import com.memoryoss.protocol.NamespaceProtocol;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;

/** Registers the namespace entity type with cluster sharding. */
public final class NamespaceSharding {
  /** Entities run here: they do short blocking key loads at start. */
  public static final String ENTITY_DISPATCHER = "memoryoss.shard.entity-dispatcher";
  /** The cluster role of nodes that host namespaces; other nodes only route to them. */
  public static final String ROLE = "shard";

  private NamespaceSharding() {}

  public static ActorRef<ShardingEnvelope<NamespaceCommand>> init(
      ActorSystem<?> system, NamespaceRuntime runtime) {
    return ClusterSharding.get(system).init(
        Entity.of(NamespaceProtocol.ENTITY_TYPE_KEY,
                ctx -> NamespaceEntity.create(ctx.getEntityId(), runtime))
            .withEntityProps(Props.empty().withNext(DispatcherSelector.fromConfig(
                ENTITY_DISPATCHER)))
            .withRole(ROLE));
  }
}
