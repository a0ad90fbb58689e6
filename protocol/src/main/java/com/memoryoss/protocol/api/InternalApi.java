package com.memoryoss.protocol.api;

import java.util.List;
import java.util.UUID;

/**
 * The HTTP contract between the hybrid gateway and its memory core: the internal token is sent as
 * a bearer token, and these headers say for whom the gateway acts. The internal routes exist only
 * on a core (never on a node that serves API keys) and validate their bodies like public routes.
 */
public final class InternalApi {
  private InternalApi() {}

  /** The namespace of the gateway's authenticated caller. */
  public static final String NAMESPACE_HEADER = "X-Memoryoss-Namespace";
  /** The caller's subject (key id), recorded as provenance. */
  public static final String SUBJECT_HEADER = "X-Memoryoss-Subject";

  public static final String LEARN_PATH = "/v1/internal/learn";
  public static final String INJECTED_PATH = "/v1/internal/injected";

  /** Body of {@code POST /v1/internal/learn}: extracted facts of one exchange. */
  public record LearnRequest(List<com.memoryoss.protocol.FactSpec> facts, String source,
      String evidenceId) {}

  /** Body of {@code POST /v1/internal/injected}: memories the proxy injected. */
  public record InjectedRequest(List<UUID> ids) {}

  /** Answer of {@code POST /v1/internal/injected}. */
  public record InjectedResponse(int recorded) {}
}
