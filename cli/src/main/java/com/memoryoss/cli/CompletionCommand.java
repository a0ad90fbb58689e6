package com.memoryoss.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code memoryoss completion [bash|zsh]}: a shell completion script on stdout. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a shell completion script for memoryoss.",
        "bash: source <(memoryoss completion bash)   (or save it under"
            + " /etc/bash_completion.d/)",
        "zsh:  source <(memoryoss completion zsh)    (in ~/.zshrc)"})
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "SHELL", defaultValue = "bash",
      description = "bash (default) or zsh.")
  String shell;

  @Override
  public Integer call() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      spec.commandLine().getErr().println("memoryoss: completion for bash or zsh only");
      return 2;
    }
    String script = AutoComplete.bash("memoryoss", spec.root().commandLine());
    if (shell.equals("zsh") && !script.contains("bashcompinit")) {
      // The generated script is bash; zsh runs it through its bash compatibility layer.
      script = "autoload -U +X compinit && compinit\n"
          + "autoload -U +X bashcompinit && bashcompinit\n" + script;
    }
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
