package com.memoryoss.protocol;

/**
 * One page of a namespace listing, newest first.
 *
 * @param limit page size, 1..1000
 * @param cursor {@code next_cursor} of the previous page, or {@code null} for the first
 */
public record ListSpec(MemoryFilter filter, int limit, String cursor) implements CborSerializable {
  public ListSpec {
    filter = filter == null ? MemoryFilter.NONE : filter;
  }
}
