package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand prints its help cleanly (no picocli formatting warnings) and exits 0. */
final class HelpTest {
  @Test
  void everyCommandHasCleanHelp() {
    List<String> paths = new ArrayList<>();
    collect(new CommandLine(new InferBenchCommand()), "", paths);
    assertThat(paths).contains("run", "sweep", "report", "export", "compare-kv", "models", "synth", "probe",
        "baseline save", "baseline check");
    for (String path : paths) {
      List<String> args = new ArrayList<>(List.of(path.split(" ")));
      args.add("--help");
      CliRun r = CliRun.of(args.toArray(String[]::new));
      assertThat(r.code()).as(path).isZero();
      assertThat(r.out()).as(path).contains("Usage: inferbench " + path);
      assertThat(r.err()).as(path).doesNotContain("WARN");
    }
  }

  private static void collect(CommandLine cl, String prefix, List<String> out) {
    for (var e : cl.getSubcommands().entrySet()) {
      String path = (prefix + " " + e.getKey()).trim();
      if (e.getKey().equals("help") || e.getKey().equals("generate-completion")) continue;
      out.add(path);
      collect(e.getValue(), path, out);
    }
  }
}
