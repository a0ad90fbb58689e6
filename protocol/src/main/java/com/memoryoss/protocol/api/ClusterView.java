package com.memoryoss.protocol.api;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What an operator sees of the cluster ({@code GET /v1/admin/cluster}): members, their roles and
 * reachability, and how many shards and awake namespaces each node hosts. Namespace names are
 * never listed: they belong to their tenants.
 */
public interface ClusterView {
  /** The cluster as this node sees it now; fails when the shard regions do not answer in time. */
  CompletionStage<ClusterResponse> describe();

  /** Reply of {@code GET /v1/admin/cluster}. */
  record ClusterResponse(
      String self, String leader, List<Member> members, List<Region> regions) {}

  /** One member: {@code status} is Pekko's member status in lower case (up, leaving, ...). */
  record Member(String address, String status, List<String> roles, boolean reachable) {}

  /** The namespace shards one node hosts and how many of their namespaces are awake. */
  record Region(String address, int shards, int namespacesAwake) {}
}
