package com.memoryoss.mcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.memoryoss.mcp.MemoryMcpServer;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolCatalogueTest {
  private final List<Tool> tools = ToolCatalogue.tools(MemoryMcpServer.jsonMapper());

  private Tool tool(String name) {
    return tools.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(Tool t) {
    return (Map<String, Object>) t.inputSchema().get("properties");
  }

  @Test
  void offersTheOriginalsFourToolsByName() {
    assertThat(tools).extracting(Tool::name).containsExactly(
        "memoryoss_recall", "memoryoss_store", "memoryoss_update", "memoryoss_forget");
  }

  @Test
  void keepsTheOriginalsArgumentNamesAndAddsFilterArgumentsToForget() {
    assertThat(properties(tool("memoryoss_recall"))).containsOnlyKeys(
        "query", "limit", "agent", "session", "namespace", "tags");
    assertThat(properties(tool("memoryoss_store"))).containsOnlyKeys(
        "content", "tags", "agent", "session", "namespace", "memory_type");
    assertThat(properties(tool("memoryoss_update"))).containsOnlyKeys(
        "id", "content", "tags", "namespace");
    assertThat(properties(tool("memoryoss_forget"))).containsOnlyKeys(
        "ids", "namespace", "agent", "session", "tags");
  }

  @Test
  void requiresOnlyTheQueryContentAndId() {
    assertThat(tool("memoryoss_recall").inputSchema().get("required")).isEqualTo(
        List.of("query"));
    assertThat(tool("memoryoss_store").inputSchema().get("required")).isEqualTo(
        List.of("content"));
    assertThat(tool("memoryoss_update").inputSchema().get("required")).isEqualTo(List.of("id"));
    assertThat(tool("memoryoss_forget").inputSchema().get("required")).isNull();
  }

  @Test
  void marksRecallReadOnlyAndForgetDestructiveAndIdempotent() {
    var recall = tool("memoryoss_recall").annotations();
    assertThat(recall.readOnlyHint()).isTrue();
    assertThat(recall.destructiveHint()).isFalse();
    assertThat(recall.idempotentHint()).isTrue();
    var forget = tool("memoryoss_forget").annotations();
    assertThat(forget.readOnlyHint()).isFalse();
    assertThat(forget.destructiveHint()).isTrue();
    assertThat(forget.idempotentHint()).isTrue();
    var store = tool("memoryoss_store").annotations();
    assertThat(store.readOnlyHint()).isFalse();
    assertThat(store.destructiveHint()).isFalse();
    assertThat(tool("memoryoss_update").annotations().destructiveHint()).isTrue();
  }

  @Test
  void givesEveryToolATitleAndADescriptionThatSaysWhatItReturns() {
    assertThat(tools).allSatisfy(t -> {
      assertThat(t.title()).isNotBlank();
      assertThat(t.annotations().title()).isEqualTo(t.title());
      assertThat(t.description()).contains("Returns");
    });
    assertThat(tool("memoryoss_recall").title()).isEqualTo("Recall Relevant Memories");
    assertThat(tool("memoryoss_forget").title()).isEqualTo("Delete Stored Memory");
  }

  @Test
  void instructionsTellTheModelToRecallFirstAndStoreDurableFactsButNoSecrets() {
    assertThat(ToolCatalogue.INSTRUCTIONS)
        .contains("At the start of a task")
        .contains("memoryoss_recall")
        .contains("memoryoss_store")
        .contains("decision")
        .contains("Never store secrets");
  }
}
