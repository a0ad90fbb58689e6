package com.memoryoss.extractor;

import java.time.Instant;
import java.util.List;

/**
 * One completed proxied exchange, as handed to extraction: the conversation the client sent and
 * the assistant's answer. Carries raw text: extraction redacts before anything leaves the
 * machine or is stored.
 *
 * @param api {@code openai.chat}, {@code openai.responses} or {@code anthropic.messages}
 * @param messages the request's conversation, oldest first (text only)
 */
public record Exchange(
    String namespace, String api, String model, List<Turn> messages, String assistant,
    Instant at) {

  public Exchange {
    messages = List.copyOf(messages);
  }

  /** One message: its role ({@code system}, {@code user}, {@code assistant}, {@code tool}). */
  public record Turn(String role, String text) {}
}
