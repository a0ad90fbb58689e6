package com.memoryoss.cli.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TomlEditTest {
  private static final List<String> ARGS = List.of("-c", "/h/.memoryoss/memoryoss.toml",
      "mcp-server");
  private static final String TABLE = """
      [mcp_servers.memoryoss]
      command = "/opt/m/bin/memoryoss"
      args = ["-c", "/h/.memoryoss/memoryoss.toml", "mcp-server"]
      """;

  private static String put(String text) {
    return TomlEdit.putMcpServer(text, "config.toml", "memoryoss", "/opt/m/bin/memoryoss", ARGS);
  }

  @Test
  void writesTheTableIntoANewFile() {
    assertThat(put(null)).isEqualTo(TABLE);
  }

  @Test
  void appendsTheTableAndKeepsEveryOtherByte() {
    String original = """
        # my codex settings
        model = "gpt-5.5"   # the good one

        [mcp_servers.other]
        command = "npx"
        args = [
          "-y", # comment in an array
          "thing",
        ]

        [profiles.fast]
        model = "o4-mini\"""";
    String out = put(original);
    assertThat(out).isEqualTo(original + "\n\n" + TABLE);
    assertThat(put(out)).isSameAs(out);
  }

  @Test
  void rewritesOnlyTheCommandAndArgsLinesOfAnExistingTable() {
    String original = """
        [mcp_servers.memoryoss]
        # managed by memoryoss setup
        command = "/old/memoryoss"  # keep me
        args = [
          "-c",
          "/old.toml",
          "mcp-server",
        ]
        startup_timeout_sec = 20

        [mcp_servers.memoryoss.env]
        FOO = "bar"
        """;
    String out = put(original);
    assertThat(out).isEqualTo("""
        [mcp_servers.memoryoss]
        # managed by memoryoss setup
        command = "/opt/m/bin/memoryoss" # keep me
        args = ["-c", "/h/.memoryoss/memoryoss.toml", "mcp-server"]
        startup_timeout_sec = 20

        [mcp_servers.memoryoss.env]
        FOO = "bar"
        """);
  }

  @Test
  void addsMissingKeysUnderAnExistingHeader() {
    String out = put("[mcp_servers.memoryoss]\nenabled = true\n");
    assertThat(out).isEqualTo("[mcp_servers.memoryoss]\n"
        + "command = \"/opt/m/bin/memoryoss\"\n"
        + "args = [\"-c\", \"/h/.memoryoss/memoryoss.toml\", \"mcp-server\"]\n"
        + "enabled = true\n");
  }

  @Test
  void refusesFormsItDoesNotRewriteAndFilesItCannotRead() {
    assertThatThrownBy(() -> put("[mcp_servers]\nmemoryoss = { command = \"x\" }\n"))
        .isInstanceOf(SetupException.class).hasMessageContaining("inline table");
    assertThatThrownBy(() -> put("model = \n")).isInstanceOf(SetupException.class)
        .hasMessageContaining("left alone");
  }

  @Test
  void escapesPathsAsTomlStrings() {
    String out = TomlEdit.putMcpServer("", "f", "memoryoss", "C:\\m \"x\"\\memoryoss", ARGS);
    assertThat(out).contains("command = \"C:\\\\m \\\"x\\\"\\\\memoryoss\"");
  }
}
