package org.inferbench.model.synth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.inferbench.model.HfConfig;
import org.inferbench.model.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The written tokenizer.json loads in the Hugging Face tokenizers library and has exactly vocab_size tokens. */
final class TokenizerTest {
  @TempDir Path dir;

  @Test
  void presetTokenizersLoadWithExactVocabulary() throws Exception {
    for (String preset : new String[] {"gpt2", "bert-base-uncased", "modernbert-base", "t5-small"}) {
      HfConfig c = Presets.get(preset);
      Path d = dir.resolve(preset);
      java.nio.file.Files.createDirectories(d);
      TokenizerWriter.write(c, d);
      JsonNode vocab = new ObjectMapper().readTree(d.resolve("tokenizer.json").toFile()).get("model").get("vocab");
      Set<Integer> ids = new HashSet<>();
      for (Iterator<JsonNode> it = vocab.elements(); it.hasNext();) {
        ids.add(it.next().asInt());
      }
      assertThat(vocab.size()).as(preset).isEqualTo(c.vocabSize());
      assertThat(ids).as(preset).hasSize(c.vocabSize()).allMatch(i -> i >= 0 && i < c.vocabSize());
      try (HuggingFaceTokenizer t = HuggingFaceTokenizer.newInstance(d.resolve("tokenizer.json"),
          Map.of("addSpecialTokens", "false"))) {
        long last = c.vocabSize() - 1;
        String lastToken = SpecialTokens.of(c).entrySet().stream().filter(e -> e.getValue() == last)
            .map(Map.Entry::getKey).findFirst().orElse("tok" + last);
        assertThat(t.encode("tok7 " + lastToken).getIds()).as(preset).containsExactly(7, last);
        long unk = SpecialTokens.of(c).get(SpecialTokens.role(c, "unk"));
        assertThat(t.encode("tok" + c.vocabSize()).getIds()).as(preset).containsExactly(unk);
      }
    }
  }

  @Test
  void specialTokensSitAtTheRealIds() throws Exception {
    assertThat(SpecialTokens.of(Presets.get("gpt2"))).containsEntry("<|endoftext|>", 50256);
    assertThat(SpecialTokens.of(Presets.get("bert-base-uncased"))).containsEntry("[CLS]", 101);
    assertThat(SpecialTokens.of(Presets.get("t5-small"))).containsEntry("</s>", 1);
    assertThat(SpecialTokens.of(TinyConfigs.bert())).containsEntry("[CLS]", 101);
    assertThat(SpecialTokens.of(TinyConfigs.modernBert())).containsEntry("[UNK]", 0);
  }
}
