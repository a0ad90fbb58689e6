package com.memoryoss.gateway.admin;

import com.memoryoss.gateway.auth.Authenticator;
import com.memoryoss.gateway.auth.RateLimiter;
import com.memoryoss.gateway.auth.Role;
import com.memoryoss.gateway.http.ApiDirectives;
import com.memoryoss.protocol.api.ClusterView;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /v1/admin/cluster} (admin): members, roles, reachability and shards per node. It
 * names nodes, never namespaces, so any namespace's admin may read it.
 */
public final class ClusterRoutes extends ApiDirectives {
  private final ClusterView view;

  public ClusterRoutes(ClusterView view, Authenticator auth, RateLimiter limiter) {
    super(auth, limiter, 0);
    this.view = view;
  }

  public Route routes() {
    return pathPrefix("v1", () -> pathPrefix("admin", () -> path("cluster", () -> get(() ->
        authenticated(c -> requireRole(c, Role.ADMIN, () -> rateLimited(c.subject(),
            () -> respond(view::describe))))))));
  }
}
