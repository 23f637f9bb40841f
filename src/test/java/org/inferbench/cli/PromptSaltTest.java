package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.inferbench.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --replay finds a recorded run's prompt salt and seed by its run_id (or an unambiguous start of it), and refuses
 * with one line a run it cannot find, a prefix naming two runs, and a missing file; fresh salts differ.
 */
final class PromptSaltTest {
  @TempDir
  Path dir;

  @Test
  void replayTakesTheRecordedRunsSaltAndSeed() throws Exception {
    Path results = results(List.of(served("run-aaa1", "00000000000000ab"), served("run-bbb2", "ffffffffffffff01")));
    PromptSalt s = PromptSalt.replay("run-a", results);
    assertThat(s.salt()).isEqualTo(0xabL);
    assertThat(s.seed()).isEqualTo(42L);
    assertThat(PromptSalt.replay("run-bbb2", results).salt()).isEqualTo(0xffffffffffffff01L);
    assertThat(PromptSalt.fresh().salt()).isNotEqualTo(PromptSalt.fresh().salt());
  }

  @Test
  void replayRefusesWhatItCannotFindInOneLine() throws Exception {
    Path results = results(List.of(served("run-aaa1", "01"), served("run-aaa2", "02")));
    assertThatThrownBy(() -> PromptSalt.replay("run-aa", results)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("--replay run-aa: names several runs");
    assertThatThrownBy(() -> PromptSalt.replay("nope", results)).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("--replay nope: no record of that run").hasMessageNotContaining("\n");
    assertThatThrownBy(() -> PromptSalt.replay("run-aaa1", dir.resolve("absent.jsonl")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("no results file");
  }

  /** The committed schema-4 serving record as a schema-5 one of run {@code runId} with a salt. */
  private static String served(String runId, String salt) throws Exception {
    String v4 = Files.readAllLines(Path.of("src", "test", "resources", "compat", "results-v4.jsonl")).get(1);
    return v4.replace("\"schema_version\":4", "\"schema_version\":5")
        .replaceFirst("\"run_id\":\"[^\"]*\"", "\"run_id\":\"" + runId + "\"")
        .replace("\"workload\":{", "\"workload\":{\"prompt_salt\":\"" + salt + "\",");
  }

  private Path results(List<String> lines) throws Exception {
    Path f = dir.resolve("results.jsonl");
    Files.write(f, lines);
    return f;
  }
}
