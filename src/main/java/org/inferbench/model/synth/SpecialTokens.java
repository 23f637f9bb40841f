package org.inferbench.model.synth;

import java.util.LinkedHashMap;
import java.util.Map;
import org.inferbench.model.HfConfig;

/**
 * The special tokens of each family at the ids the real tokenizers give them. When a small test vocabulary cannot
 * hold those ids, the tokens take the first ids instead.
 */
final class SpecialTokens {
  private SpecialTokens() {}

  /** Token text to id, in a stable order; roles are looked up by {@link #role}. */
  static Map<String, Integer> of(HfConfig c) {
    Map<String, Integer> preferred = new LinkedHashMap<>();
    switch (c.architecture()) {
      case GPT2 -> preferred.put("<|endoftext|>", c.vocabSize() - 1);
      case BERT -> {
        preferred.put("[PAD]", 0);
        preferred.put("[UNK]", 100);
        preferred.put("[CLS]", 101);
        preferred.put("[SEP]", 102);
        preferred.put("[MASK]", 103);
      }
      case MODERNBERT -> {
        preferred.put("[UNK]", 50280);
        preferred.put("[CLS]", 50281);
        preferred.put("[SEP]", 50282);
        preferred.put("[PAD]", 50283);
        preferred.put("[MASK]", 50284);
      }
      case T5 -> {
        preferred.put("<pad>", 0);
        preferred.put("</s>", 1);
        preferred.put("<unk>", 2);
      }
      // Llama-like decoders: the config names them (SmolLM2 uses one id for both, TinyLlama 1 and 2, Llama 3
      // 128000 and 128001)
      default -> {
        preferred.put("<s>", c.integer("bos_token_id", 1));
        if (c.integer("eos_token_id", 2) != c.integer("bos_token_id", 1)) {
          preferred.put("</s>", c.integer("eos_token_id", 2));
        }
      }
    }
    boolean fits = preferred.values().stream().allMatch(id -> id >= 0 && id < c.vocabSize());
    if (fits) {
      return preferred;
    }
    Map<String, Integer> packed = new LinkedHashMap<>();
    for (String token : preferred.keySet()) {
      packed.put(token, packed.size());
    }
    return packed;
  }

  /** The token playing a role (pad, unk, bos, eos, cls, sep, mask) in this family, or null. */
  static String role(HfConfig c, String role) {
    return switch (c.architecture()) {
      case GPT2 -> switch (role) {
        case "bos", "eos", "unk" -> "<|endoftext|>";
        default -> null;
      };
      case BERT, MODERNBERT -> switch (role) {
        case "pad" -> "[PAD]";
        case "unk" -> "[UNK]";
        case "cls", "bos" -> "[CLS]";
        case "sep", "eos" -> "[SEP]";
        case "mask" -> "[MASK]";
        default -> null;
      };
      case T5 -> switch (role) {
        case "pad" -> "<pad>";
        case "eos" -> "</s>";
        case "unk" -> "<unk>";
        default -> null;
      };
      default -> switch (role) {
        case "bos" -> "<s>";
        case "eos" -> c.integer("eos_token_id", 2) != c.integer("bos_token_id", 1) ? "</s>" : "<s>";
        default -> null;
      };
    };
  }
}
