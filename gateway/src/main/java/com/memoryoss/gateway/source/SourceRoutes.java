package com.memoryoss.gateway.source;

import com.memoryoss.gateway.http.Json;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /v1/source}, open to anyone as in the original: the license this server is under,
 * where its source is published, and a short notice. The answer is fixed for the build, so it is
 * rendered once.
 */
public final class SourceRoutes extends AllDirectives {
  /** SPDX id of this project's license (the full text is LICENSE at the repository root). */
  public static final String LICENSE = "Apache-2.0";

  static final String NOTICE = "memoryOSS for the JVM is free software under the Apache License,"
      + " Version 2.0 (LICENSE and NOTICE in its source). It re-implements the HTTP, MCP and"
      + " configuration contract of memoryOSS (AGPL-3.0-only) from that project's observed"
      + " behaviour and contains none of its code. Bundled libraries and embedding models keep"
      + " their own licenses, listed in NOTICE.";

  /**
   * The body of the answer.
   *
   * @param source where this build's source is published; absent when the build was not told
   *     (Maven property {@code memoryoss.source.url})
   */
  public record SourceInfo(String license, String source, String notice) {}

  private final byte[] body;

  /** @param sourceUrl where the source is published, or {@code null}/blank if not known */
  public SourceRoutes(String sourceUrl) {
    String url = sourceUrl == null || sourceUrl.isBlank() ? null : sourceUrl.strip();
    this.body = Json.write(new SourceInfo(LICENSE, url, NOTICE));
  }

  public Route routes() {
    return pathPrefix("v1", () -> path("source", () -> get(() -> complete(HttpResponse.create()
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body))))));
  }
}
