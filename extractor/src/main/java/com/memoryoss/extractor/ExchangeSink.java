package com.memoryoss.extractor;

/**
 * Where the proxy hands completed exchanges for fact extraction.
 *
 * <p>Contract: {@link #offer} never blocks and never throws; when the stage is full it drops the
 * exchange, counts the drop and returns {@code false}. A client's request is never delayed by
 * extraction.
 */
@FunctionalInterface
public interface ExchangeSink {
  boolean offer(Exchange exchange);

  /** A sink that keeps nothing (extraction off). */
  ExchangeSink NONE = e -> false;
}
