package org.inferbench.engine.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.Map;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.onnx.OnnxTokenizer;
import org.inferbench.model.Presets;
import org.junit.jupiter.api.Test;

/** {@code tokenizer=PRESET} names the tokenizer a served preset carries; a name that is neither is one line. */
final class PresetTokenizerSettingTest {
  private static OpenAiSettings with(String tokenizer) throws BadInputException {
    return OpenAiSettings.from(EngineSettings.resolve("openai", OpenAiSettings.SPECS,
        Map.of("endpoint", "http://127.0.0.1:9/v1", "tokenizer", tokenizer)));
  }

  @Test
  void aPresetsNameIsTheTokenizerOfItsSyntheticModel() throws Exception {
    OpenAiSettings s = with("gpt2");
    assertThat(s.tokenizer()).isRegularFile().hasFileName("tokenizer.json");
    // the synthetic gpt2's words are tok<id>, <|endoftext|> at 50256: the served model's own ids, exactly
    try (OnnxTokenizer t = OnnxTokenizer.open(s.tokenizer())) {
      assertThat(t.encode("tok5 tok50255 <|endoftext|>")).containsExactly(5, 50255, 50256);
    }
    assertThat(Files.readString(s.tokenizer())).contains("\"tok" + (Presets.get("gpt2").vocabSize() - 2) + "\"");
    assertThat(with("gpt2").tokenizer()).isEqualTo(s.tokenizer()); // written once
  }

  @Test
  void neitherAFileNorAPresetIsRefusedInOneLine() {
    assertThatThrownBy(() -> with("no-such-preset"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("--engine-opt tokenizer=no-such-preset: no such file or preset (give the served model's"
            + " tokenizer.json, its directory, or a preset's name: inferbench models)");
  }
}
