package com.memoryoss.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Memories go into the system prompt without losing anything the client sent. */
class DialectTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BLOCK = "<memory_context>\n<summary>x</summary>\n</memory_context>";

  private static ObjectNode json(String s) throws Exception {
    return (ObjectNode) JSON.readTree(s);
  }

  @Test
  void chatAppendsToAStringSystemMessage() throws Exception {
    ObjectNode b = json("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"Be"
        + " brief.\"},{\"role\":\"user\",\"content\":\"hi\"}]}");
    ChatCompletions.INSTANCE.inject(b, BLOCK);
    assertThat(b.at("/messages/0/content").asText()).isEqualTo("Be brief.\n\n" + BLOCK);
    assertThat(b.at("/messages/1/content").asText()).isEqualTo("hi");
  }

  @Test
  void chatKeepsArraySystemContentAndAddsAPart() throws Exception {
    ObjectNode b = json("{\"messages\":[{\"role\":\"system\",\"content\":[{\"type\":\"text\","
        + "\"text\":\"rules\"}]},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":"
        + "\"what tea?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:x\"}}]}]}");
    assertThat(ChatCompletions.INSTANCE.query(b)).isEqualTo("what tea?");
    ChatCompletions.INSTANCE.inject(b, BLOCK);
    assertThat(b.at("/messages/0/content/0/text").asText()).isEqualTo("rules");
    assertThat(b.at("/messages/0/content/1/text").asText()).isEqualTo(BLOCK);
    assertThat(b.at("/messages/1/content/1/image_url/url").asText()).isEqualTo("data:x");
  }

  @Test
  void chatInsertsASystemMessageWhenThereIsNone() throws Exception {
    ObjectNode b = json("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":"
        + "\"assistant\",\"tool_calls\":[{\"id\":\"c1\"}]},{\"role\":\"tool\",\"tool_call_id\":"
        + "\"c1\",\"content\":\"r\"}]}");
    ChatCompletions.INSTANCE.inject(b, BLOCK);
    assertThat(b.at("/messages/0/role").asText()).isEqualTo("system");
    assertThat(b.at("/messages").size()).isEqualTo(4);
    assertThat(b.at("/messages/2/tool_calls/0/id").asText()).isEqualTo("c1");
  }

  @Test
  void responsesUsesInstructionsAndNeverTouchesInputItems() throws Exception {
    String in = "{\"model\":\"gpt-5\",\"input\":[{\"type\":\"message\",\"role\":\"developer\","
        + "\"content\":[{\"type\":\"input_text\",\"text\":\"dev rules\"}]},{\"type\":\"message\","
        + "\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"which db?\"}]},"
        + "{\"type\":\"reasoning\",\"encrypted_content\":\"abc\"},{\"type\":\"additional_tools\","
        + "\"tools\":[]}]}";
    ObjectNode b = json(in);
    assertThat(Responses.INSTANCE.query(b)).isEqualTo("which db?");
    Responses.INSTANCE.inject(b, BLOCK);
    assertThat(b.get("instructions").asText()).isEqualTo(BLOCK);
    assertThat(b.get("input")).isEqualTo(json(in).get("input"));
  }

  @Test
  void anthropicAddsABlockToAnArraySystemAndSkipsToolResultsForTheQuery() throws Exception {
    ObjectNode b = json("{\"system\":[{\"type\":\"text\",\"text\":\"a\",\"cache_control\":"
        + "{\"type\":\"ephemeral\"}}],\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
        + "\"text\",\"text\":\"<system-reminder>x</system-reminder>\"},{\"type\":\"text\","
        + "\"text\":\"fix the bug\"}]},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\","
        + "\"id\":\"t\",\"name\":\"Read\",\"input\":{}}]},{\"role\":\"user\",\"content\":[{\"type\":"
        + "\"tool_result\",\"tool_use_id\":\"t\",\"content\":\"file\"}]},{\"role\":\"system\","
        + "\"content\":\"mid-conversation\"}]}");
    assertThat(AnthropicMessages.INSTANCE.query(b)).isEqualTo("fix the bug");
    AnthropicMessages.INSTANCE.inject(b, BLOCK);
    assertThat(b.at("/system/0/cache_control/type").asText()).isEqualTo("ephemeral");
    assertThat(b.at("/system/1/text").asText()).isEqualTo(BLOCK);
    assertThat(b.at("/messages").size()).isEqualTo(4);
    assertThat(b.at("/messages/3/content").asText()).isEqualTo("mid-conversation");
  }

  @Test
  void anthropicStringAndMissingSystem() throws Exception {
    ObjectNode s = json("{\"system\":\"be nice\",\"messages\":[]}");
    AnthropicMessages.INSTANCE.inject(s, BLOCK);
    assertThat(s.get("system").asText()).isEqualTo("be nice\n\n" + BLOCK);
    ObjectNode none = json("{\"messages\":[]}");
    AnthropicMessages.INSTANCE.inject(none, BLOCK);
    assertThat(none.get("system").asText()).isEqualTo(BLOCK);
  }
}
