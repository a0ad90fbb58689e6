package com.memoryoss.cli.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellBlockTest {
  private static final List<String> EXPORTS =
      List.of("OPENAI_BASE_URL=http://127.0.0.1:8000/proxy/v1");
  private static final String BLOCK = """
      # >>> memoryOSS proxy >>>
      # Written by `memoryoss setup`: API clients go through the local memoryOSS proxy.
      # Run setup again to change it, or delete this block to stop.
      export OPENAI_BASE_URL="http://127.0.0.1:8000/proxy/v1"
      # <<< memoryOSS proxy <<<
      """;

  @Test
  void appendsTheBlockAndKeepsUnrelatedLinesEvenOnesNamingTheSameVariables() {
    String original = "alias ll='ls -l'\nexport OPENAI_BASE_URL=https://corp.example/v1\n"
        + "# memoryOSS was here\n";
    String out = ShellBlock.apply(original, "rc", EXPORTS);
    assertThat(out).isEqualTo(original + "\n" + BLOCK);
    assertThat(ShellBlock.apply(out, "rc", EXPORTS)).isSameAs(out);
    assertThat(ShellBlock.conflicting(out, EXPORTS))
        .containsExactly("export OPENAI_BASE_URL=https://corp.example/v1");
  }

  @Test
  void replacesTheBlockInPlaceAndRemovesOnlyItWhenNotProxySafe() {
    String original = "a\n" + BLOCK + "b\n";
    String changed = ShellBlock.apply(original, "rc",
        List.of("OPENAI_BASE_URL=http://127.0.0.1:9000/proxy/v1"));
    assertThat(changed).startsWith("a\n# >>> memoryOSS proxy >>>\n").endsWith(
        "export OPENAI_BASE_URL=\"http://127.0.0.1:9000/proxy/v1\"\n# <<< memoryOSS proxy <<<\nb\n");
    assertThat(ShellBlock.apply(original, "rc", List.of())).isEqualTo("a\nb\n");
  }

  @Test
  void startsANewFileWithTheBlock() {
    assertThat(ShellBlock.apply(null, "rc", EXPORTS)).isEqualTo(BLOCK);
  }

  @Test
  void leavesAFileWithoutBlockAloneWhenThereIsNothingToExport() {
    assertThat(ShellBlock.apply("x\n", "rc", List.of())).isEqualTo("x\n");
    assertThat(ShellBlock.apply(null, "rc", List.of())).isNull();
  }

  @Test
  void refusesABrokenBlock() {
    assertThatThrownBy(() -> ShellBlock.apply("# >>> memoryOSS proxy >>>\nexport X=1\n", "rc",
        EXPORTS)).isInstanceOf(SetupException.class);
  }
}
