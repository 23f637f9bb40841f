package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad models for the 2026 families: one line naming the field and what was expected, exit code 2, nothing written.
 */
final class ModelBadInputTest {
  @TempDir Path dir;

  private void refused(String config, String... expected) throws Exception {
    Path file = dir.resolve("config-" + Math.abs(config.hashCode()) + ".json");
    Files.writeString(file, config);
    Path out = dir.resolve("out-" + Math.abs(config.hashCode()));
    CliRun r = CliRun.of("synth", file.toString(), "--model-format", "gguf", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains(expected);
    assertThat(out).doesNotExist();
  }

  private static final String MOE = """
      {"model_type": "qwen3_moe", "hidden_size": 256, "intermediate_size": 512, "num_attention_heads": 4,
       "num_key_value_heads": 2, "num_hidden_layers": 2, "vocab_size": 512, "max_position_embeddings": 512,
       "head_dim": 64, %s}""";

  @Test
  void unsupportedArchitectureNamesTheSupportedOnes() throws Exception {
    refused("{\"model_type\": \"mixtral\", \"hidden_size\": 8}", "model_type \"mixtral\" is not supported",
        "qwen3_moe", "gemma3_text", "gpt_oss");
  }

  @Test
  void mixtureOfExpertsWithoutExpertCountsIsRefused() throws Exception {
    refused(MOE.formatted("\"moe_intermediate_size\": 256"), "num_experts missing or not a positive integer");
  }

  @Test
  void topKAboveTheExpertCountIsRefused() throws Exception {
    refused(MOE.formatted("\"num_experts\": 4, \"num_experts_per_tok\": 8, \"moe_intermediate_size\": 256"),
        "num_experts_per_tok 8 exceeds num_experts 4");
  }

  @Test
  void aModelLargerThanTheFreeDiskIsRefusedBeforeWriting() throws Exception {
    // 4000 layers of 2048-wide experts at F32: terabytes, more than any test machine's disk
    refused(MOE.formatted("\"num_experts\": 128, \"num_experts_per_tok\": 8, \"moe_intermediate_size\": 768")
        .replace("\"hidden_size\": 256", "\"hidden_size\": 2048").replace("\"num_hidden_layers\": 2",
        "\"num_hidden_layers\": 4000"), "disk has", "GB free");
  }
}
