package com.memoryoss.gateway.proxy;

import com.memoryoss.gateway.auth.ApiKey;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Who a proxy request is and what goes upstream. A configured proxy key maps to a namespace
 * (and optionally its own upstream key). Otherwise, when passthrough is allowed — and, with
 * {@code passthrough_local_only}, only for a client on this machine, judged on the real socket
 * address — the client's own provider key or OAuth token is forwarded as is: a passthrough caller
 * never gets to use the operator's configured key.
 *
 * <p>Thread-safe and immutable.
 */
final class ProxyAuth {
  private final ProxySettings s;
  private final byte[][] digests;

  ProxyAuth(ProxySettings s) {
    this.s = s;
    this.digests = s.keyMappings().stream().map(k -> ApiKey.sha256(k.proxyKey()))
        .toArray(byte[][]::new);
  }

  /**
   * A resolved caller.
   *
   * @param upstreamBearer credential for {@code Authorization: Bearer} upstream, or null
   * @param upstreamApiKey credential for Anthropic's {@code x-api-key}, or null
   * @param bucket rate-limit key (never the credential itself)
   */
  record Identity(String namespace, String upstreamBearer, String upstreamApiKey, boolean oauth,
      String bucket) {}

  /** OpenAI-style: {@code Authorization: Bearer <t>}. */
  Optional<Identity> openAi(Optional<String> authorization, InetAddress client,
      Optional<String> forwardedFor) {
    Optional<String> token = bearer(authorization);
    if (token.isEmpty()) {
      return Optional.empty();
    }
    Optional<ProxySettings.KeyMapping> mapped = mapping(token.get());
    if (mapped.isPresent()) {
      var m = mapped.get();
      String upstream = m.upstreamKey() != null ? m.upstreamKey() : s.upstreamApiKey();
      return Optional.of(new Identity(m.namespace(), upstream, null, false, bucket(m.proxyKey())));
    }
    if (!passthroughAllowed(client, forwardedFor)) {
      return Optional.empty();
    }
    boolean oauth = token.get().startsWith("eyJ");
    return Optional.of(new Identity("default", token.get(), null, oauth, bucket(token.get())));
  }

  /** Anthropic-style: {@code x-api-key}, or {@code Authorization: Bearer} (OAuth). */
  Optional<Identity> anthropic(Optional<String> apiKey, Optional<String> authorization,
      InetAddress client, Optional<String> forwardedFor) {
    Optional<String> key = apiKey.filter(k -> !k.isBlank()).map(String::strip);
    Optional<String> token = bearer(authorization);
    for (Optional<String> presented : java.util.List.of(key, token)) {
      if (presented.isPresent()) {
        Optional<ProxySettings.KeyMapping> mapped = mapping(presented.get());
        if (mapped.isPresent()) {
          var m = mapped.get();
          String upstream = m.upstreamKey() != null ? m.upstreamKey()
              : s.anthropicApiKey() != null ? s.anthropicApiKey() : s.upstreamApiKey();
          return Optional.of(new Identity(m.namespace(), null, upstream, false,
              bucket(m.proxyKey())));
        }
      }
    }
    if (!passthroughAllowed(client, forwardedFor)) {
      return Optional.empty();
    }
    if (key.isPresent()) {
      return Optional.of(new Identity("default", null, key.get(), false, bucket(key.get())));
    }
    return token.map(t -> new Identity("default", t, null, true, bucket(t)));
  }

  private Optional<ProxySettings.KeyMapping> mapping(String presented) {
    byte[] d = ApiKey.sha256(presented);
    ProxySettings.KeyMapping found = null;
    for (int i = 0; i < digests.length; i++) {
      if (MessageDigest.isEqual(digests[i], d) && found == null) {
        found = s.keyMappings().get(i);
      }
    }
    return Optional.ofNullable(found);
  }

  private boolean passthroughAllowed(InetAddress client, Optional<String> forwardedFor) {
    if (!s.passthroughAuth()) {
      return false;
    }
    return !s.passthroughLocalOnly() || isLocal(client, forwardedFor);
  }

  /**
   * Local means the socket peer is loopback and, if a local reverse proxy says it forwarded the
   * request ({@code X-Forwarded-For}), the original client was loopback too.
   */
  static boolean isLocal(InetAddress peer, Optional<String> forwardedFor) {
    if (peer == null || !peer.isLoopbackAddress()) {
      return false;
    }
    if (forwardedFor.isEmpty() || forwardedFor.get().isBlank()) {
      return true;
    }
    String first = forwardedFor.get().split(",")[0].strip();
    return first.equals("127.0.0.1") || first.equals("::1") || first.equals("[::1]")
        || first.equals("localhost") || first.startsWith("127.");
  }

  private static Optional<String> bearer(Optional<String> authorization) {
    return authorization
        .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(h -> h.substring(7).strip())
        .filter(t -> !t.isEmpty());
  }

  private static String bucket(String credential) {
    return "proxy:" + HexFormat.of().formatHex(ApiKey.sha256(credential), 0, 8);
  }
}
