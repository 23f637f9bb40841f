package org.inferbench.engine.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Lays out the real all-MiniLM-L6-v2 export shipped in the langchain4j test jar as a Hugging Face model directory. */
final class MiniLmFixture {
  /** The published config.json of sentence-transformers/all-MiniLM-L6-v2. */
  static final String CONFIG = """
      {"architectures": ["BertModel"], "attention_probs_dropout_prob": 0.1, "gradient_checkpointing": false,
       "hidden_act": "gelu", "hidden_dropout_prob": 0.1, "hidden_size": 384, "initializer_range": 0.02,
       "intermediate_size": 1536, "layer_norm_eps": 1e-12, "max_position_embeddings": 512, "model_type": "bert",
       "num_attention_heads": 12, "num_hidden_layers": 6, "pad_token_id": 0, "position_embedding_type": "absolute",
       "transformers_version": "4.8.2", "type_vocab_size": 2, "use_cache": true, "vocab_size": 30522}
      """;

  private MiniLmFixture() {}

  static Path layOut(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("onnx"));
    copy("/all-minilm-l6-v2.onnx", dir.resolve("onnx/model.onnx"));
    copy("/all-minilm-l6-v2-tokenizer.json", dir.resolve("tokenizer.json"));
    Files.writeString(dir.resolve("config.json"), CONFIG);
    return dir;
  }

  private static void copy(String resource, Path to) throws IOException {
    try (InputStream in = MiniLmFixture.class.getResourceAsStream(resource)) {
      if (in == null) throw new IOException("test resource missing from the class path: " + resource);
      Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
