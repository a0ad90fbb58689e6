package com.memoryoss.gateway.http;

import com.memoryoss.protocol.Rejection;
import com.memoryoss.protocol.api.ErrorBody;
import com.memoryoss.protocol.MemoryException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that maps failures to HTTP: {@code {"error": "..."}} with the right status, never
 * a stack trace or an HTML page. Unexpected failures are logged (class and message only) and
 * answered with a generic 500.
 */
public final class Errors {
  private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

  private Errors() {}

  public static HttpResponse json(StatusCode status, String message) {
    return json(status, new ErrorBody(message), List.of());
  }

  public static HttpResponse json(StatusCode status, Object body, List<HttpHeader> headers) {
    return HttpResponse.create()
        .withStatus(status)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, Json.write(body)))
        .addHeaders(headers);
  }

  public static HttpResponse rateLimited(long retryAfterMs) {
    return tooManyRequests("rate limit exceeded", retryAfterMs);
  }

  /** 429 with why (a rate limit, or a namespace whose index is behind) and when to retry. */
  public static HttpResponse tooManyRequests(String message, long retryAfterMs) {
    return json(StatusCodes.TOO_MANY_REQUESTS, new ErrorBody(message, retryAfterMs),
        List.of(RawHeader.create("Retry-After", String.valueOf((retryAfterMs + 999) / 1000))));
  }

  public static StatusCode status(Rejection r) {
    return switch (r) {
      case INVALID -> StatusCodes.BAD_REQUEST;
      case NOT_FOUND -> StatusCodes.NOT_FOUND;
      case UNAUTHORIZED -> StatusCodes.UNAUTHORIZED;
      case FORBIDDEN -> StatusCodes.FORBIDDEN;
      case UNAVAILABLE -> StatusCodes.SERVICE_UNAVAILABLE;
      case BUSY -> StatusCodes.TOO_MANY_REQUESTS;
    };
  }

  /**
   * A refusal: its status, its message, and for the retryable ones ({@code 429}, {@code 503}) when
   * to retry, as {@code retry_after_ms} and a {@code Retry-After} header.
   */
  public static HttpResponse of(MemoryException m) {
    if (m.reason() == Rejection.BUSY) {
      return tooManyRequests(m.getMessage(), m.retryAfterMs() > 0 ? m.retryAfterMs() : 1000);
    }
    if (m.reason() == Rejection.UNAVAILABLE) {
      long retry = m.retryAfterMs() > 0 ? m.retryAfterMs() : 1000;
      return json(StatusCodes.SERVICE_UNAVAILABLE, new ErrorBody(m.getMessage(), retry),
          List.of(RawHeader.create("Retry-After", String.valueOf((retry + 999) / 1000))));
    }
    return json(status(m.reason()), m.getMessage());
  }

  /** The response for any failure of a request's processing. */
  public static HttpResponse of(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof MemoryException m) {
      return of(m);
    }
    if (t instanceof Json.BadJson b) {
      return json(StatusCodes.BAD_REQUEST, b.getMessage());
    }
    if (t instanceof EntityStreamSizeException) {
      return json(StatusCodes.PAYLOAD_TOO_LARGE, "request body too large");
    }
    LOG.error("request failed", t);
    return json(StatusCodes.INTERNAL_SERVER_ERROR, "internal server error");
  }
}
