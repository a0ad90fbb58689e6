package com.memoryoss.shard;

import com.memoryoss.protocol.NamespaceProtocol;
import com.memoryoss.protocol.api.ClusterView;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * {@link ClusterView} from this node's membership state and the sharding coordinator's
 * statistics. The statistics query visits every region, so it is bounded by {@link #TIMEOUT};
 * a region that does not answer in time is left out of {@code regions} rather than failing the
 * whole view.
 */
public final class ShardedClusterView implements ClusterView {
  static final Duration TIMEOUT = Duration.ofSeconds(3);
  private final ActorSystem<?> system;

  public ShardedClusterView(ActorSystem<?> system) {
    this.system = system;
  }

  @Override
  public CompletionStage<ClusterResponse> describe() {
    Cluster cluster = Cluster.get(system);
    ClusterEvent.CurrentClusterState state = cluster.state();
    Set<org.apache.pekko.cluster.Member> unreachable = state.getUnreachable();
    List<ClusterView.Member> members = StreamSupport.stream(state.getMembers().spliterator(),
            false)
        .map(m -> new ClusterView.Member(m.address().toString(),
            m.status().toString().toLowerCase(Locale.ROOT),
            m.getRoles().stream().filter(r -> !r.startsWith("dc-")).sorted().toList(),
            !unreachable.contains(m)))
        .toList();
    String leader = state.getLeader() == null ? null : state.getLeader().toString();
    String self = cluster.selfMember().address().toString();
    CompletionStage<ShardRegion.ClusterShardingStats> stats = AskPattern.ask(
        ClusterSharding.get(system).shardState(),
        replyTo -> new GetClusterShardingStats(NamespaceProtocol.ENTITY_TYPE_KEY, TIMEOUT,
            replyTo),
        TIMEOUT.plusSeconds(1), system.scheduler());
    return stats.thenApply(s -> new ClusterResponse(self, leader, members,
        s.getRegions().entrySet().stream()
            .map(e -> new Region(e.getKey().toString(), e.getValue().getStats().size(),
                entities(e.getValue())))
            .sorted(Comparator.comparing(Region::address))
            .toList()));
  }

  private static int entities(ShardRegion.ShardRegionStats stats) {
    int n = 0;
    for (Object count : stats.getStats().values()) {
      n += ((Number) count).intValue();
    }
    return n;
  }
}
