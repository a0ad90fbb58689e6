package com.memoryoss.gateway;

import com.memoryoss.gateway.http.Errors;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The whole HTTP surface: the given route areas, sealed so that every rejection and failure is a
 * JSON error, with security headers on every response.
 */
public final class GatewayRoutes extends AllDirectives {
  private final List<Route> areas;
  private final boolean tls;

  public GatewayRoutes(List<Route> areas, boolean tls) {
    this.areas = List.copyOf(areas);
    this.tls = tls;
  }

  public Route route() {
    return respondWithDefaultHeaders(securityHeaders(), () ->
        withRequestTimeoutResponse(req -> Errors.json(StatusCodes.SERVICE_UNAVAILABLE,
            "request timed out"), () ->
            handleExceptions(exceptions(), () ->
                handleRejections(rejections(), () -> concat(areas.get(0),
                    areas.subList(1, areas.size()).toArray(Route[]::new))))));
  }

  private List<HttpHeader> securityHeaders() {
    List<HttpHeader> h = new ArrayList<>(List.of(
        RawHeader.create("X-Content-Type-Options", "nosniff"),
        RawHeader.create("X-Frame-Options", "DENY"),
        RawHeader.create("Content-Security-Policy", "default-src 'none'"),
        RawHeader.create("Cache-Control", "no-store"),
        RawHeader.create("Referrer-Policy", "no-referrer")));
    if (tls) {
      h.add(RawHeader.create("Strict-Transport-Security", "max-age=63072000; includeSubDomains"));
    }
    return h;
  }

  private ExceptionHandler exceptions() {
    return ExceptionHandler.newBuilder().matchAny(t -> complete(Errors.of(t))).build();
  }

  /** Pekko's own rejection answers (405 with Allow, 404, 415, ...) re-rendered as JSON. */
  private static RejectionHandler rejections() {
    return RejectionHandler.defaultHandler().mapRejectionResponse(GatewayRoutes::asJson);
  }

  private static HttpResponse asJson(HttpResponse r) {
    String message = r.status().reason();
    if (r.entity().isKnownEmpty() == false
        && r.entity() instanceof org.apache.pekko.http.javadsl.model.HttpEntity.Strict strict) {
      String text = strict.getData().utf8String().strip();
      if (!text.isEmpty() && !text.startsWith("{")) {
        message = text;
      } else if (text.startsWith("{")) {
        return r;
      }
    }
    if (r.status().equals(StatusCodes.NOT_FOUND)) {
      message = "not found";
    }
    return Errors.json(r.status(), message).withHeaders(r.getHeaders());
  }
}
