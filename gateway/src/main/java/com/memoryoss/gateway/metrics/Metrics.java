package com.memoryoss.gateway.metrics;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The node's counters and gauges, rendered as Prometheus text. Counters are incremented by the
 * routes; gauges are read from their owners when scraped. Thread-safe.
 *
 * <p>A family whose name ends in {@code _total} is a counter, any other a gauge. Every family
 * should be {@linkplain #describe described}; an undescribed one gets its own name as help.
 */
public final class Metrics {
  private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongSupplier> gauges = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> help = new ConcurrentHashMap<>();

  public Metrics() {
    MetricFamilies.describeAll(this);
  }

  /** Adds one to a counter; {@code name} may carry labels: {@code x_total{api="chat"}}. */
  public void increment(String name) {
    add(name, 1);
  }

  public void add(String name, long n) {
    counters.computeIfAbsent(name, k -> new LongAdder()).add(n);
  }

  /** Registers a value read at scrape time. */
  public void gauge(String name, LongSupplier value) {
    gauges.put(name, value);
  }

  /** The help line of a family (its name without labels). */
  public void describe(String family, String text) {
    help.put(family, text);
  }

  public long value(String name) {
    LongAdder a = counters.get(name);
    if (a != null) {
      return a.sum();
    }
    LongSupplier g = gauges.get(name);
    return g == null ? 0 : g.getAsLong();
  }

  /** Prometheus text exposition format 0.0.4: each family once, with HELP and TYPE. */
  public String render() {
    Map<String, Map<String, Long>> families = new TreeMap<>();
    counters.forEach((k, v) -> put(families, k, v.sum()));
    gauges.forEach((k, v) -> put(families, k, v.getAsLong()));
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    put(families, "memoryoss_jvm_heap_used_bytes", heap.getUsed());
    put(families, "memoryoss_jvm_heap_committed_bytes", heap.getCommitted());
    StringBuilder sb = new StringBuilder();
    families.forEach((family, series) -> {
      sb.append("# HELP ").append(family).append(' ')
          .append(escapeHelp(help.getOrDefault(family, family.replace('_', ' ')))).append('\n');
      sb.append("# TYPE ").append(family).append(family.endsWith("_total") ? " counter"
          : " gauge").append('\n');
      series.forEach((name, value) -> sb.append(name).append(' ').append(value).append('\n'));
    });
    return sb.toString();
  }

  private static void put(Map<String, Map<String, Long>> families, String series, long value) {
    int brace = series.indexOf('{');
    String family = brace < 0 ? series : series.substring(0, brace);
    families.computeIfAbsent(family, f -> new TreeMap<>()).put(series, value);
  }

  private static String escapeHelp(String text) {
    return text.replace("\\", "\\\\").replace("\n", "\\n");
  }
}
