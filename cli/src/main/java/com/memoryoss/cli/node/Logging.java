package com.memoryoss.cli.node;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/** Applies {@code [logging]}: the root level, and JSON lines instead of text when asked. */
public final class Logging {
  private Logging() {}

  public static void configure(String level, boolean json) {
    // Lucene and the JDK log through java.util.logging: route it to the same place.
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      return;
    }
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level, Level.INFO));
    if (json && root.getAppender("STDERR") instanceof ConsoleAppender<ILoggingEvent> console) {
      JsonEncoder encoder = new JsonEncoder();
      encoder.setContext(ctx);
      encoder.start();
      console.stop();
      console.setEncoder(encoder);
      console.start();
    }
  }

  /** Logs the config file's keys that have no effect here, one line each (at start only). */
  public static void configWarnings(java.util.List<String> warnings) {
    org.slf4j.Logger log = LoggerFactory.getLogger("memoryoss.config");
    warnings.forEach(w -> log.warn("config: {}", w));
  }
}
