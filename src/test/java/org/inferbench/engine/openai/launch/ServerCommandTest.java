package org.inferbench.engine.openai.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.inferbench.core.BadInputException;
import org.junit.jupiter.api.Test;

/**
 * A server command's placeholders: {model} and each server.NAME setting filled when planned, {port} when started;
 * a command without {port} or with a placeholder nothing fills is refused with one line naming it.
 */
final class ServerCommandTest {
  @Test
  void fillsTheModelAndTheSettingsNowAndThePortWhenStarted() throws Exception {
    ServerCommand c = ServerCommand.of("llama-server -m {model} --parallel {parallel} --port {port}", "/m/x.gguf",
        Map.of("server.parallel", "4", "api", "completions"));
    assertThat(c.filled()).isEqualTo("llama-server -m /m/x.gguf --parallel 4 --port {port}");
    assertThat(c.at(8123)).isEqualTo("llama-server -m /m/x.gguf --parallel 4 --port 8123");
    assertThat(c.program()).isEqualTo("llama-server");
  }

  @Test
  void refusesACommandWithoutThePortOrWithAPlaceholderNothingFills() {
    assertThatThrownBy(() -> ServerCommand.of("llama-server -m {model} --port 8080", "m", Map.of()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("no {port} placeholder")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> ServerCommand.of("vllm serve {model} --max-num-seqs {seqs} --port {port}", "m",
        Map.of("server.parallel", "4")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("placeholder {seqs} has no value (give --engine-opt server.seqs=VALUE");
  }
}
