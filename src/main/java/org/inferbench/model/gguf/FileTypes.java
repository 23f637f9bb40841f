package org.inferbench.model.gguf;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * llama.cpp's model file types (general.file_type, llama.h enum llama_ftype), named by their enum constant without
 * the LLAMA_FTYPE_MOSTLY_ / LLAMA_FTYPE_ALL_ prefix: MOSTLY_Q4_K_M is "Q4_K_M". Ids from 39 on have meant different
 * things in different llama.cpp builds and are left out.
 */
final class FileTypes {
  static final Map<Integer, String> NAMES = Map.ofEntries(
      Map.entry(0, "F32"), Map.entry(1, "F16"), Map.entry(2, "Q4_0"), Map.entry(3, "Q4_1"),
      Map.entry(4, "Q4_1_SOME_F16"), Map.entry(7, "Q8_0"), Map.entry(8, "Q5_0"), Map.entry(9, "Q5_1"),
      Map.entry(10, "Q2_K"), Map.entry(11, "Q3_K_S"), Map.entry(12, "Q3_K_M"), Map.entry(13, "Q3_K_L"),
      Map.entry(14, "Q4_K_S"), Map.entry(15, "Q4_K_M"), Map.entry(16, "Q5_K_S"), Map.entry(17, "Q5_K_M"),
      Map.entry(18, "Q6_K"), Map.entry(19, "IQ2_XXS"), Map.entry(20, "IQ2_XS"), Map.entry(21, "Q2_K_S"),
      Map.entry(22, "IQ3_XS"), Map.entry(23, "IQ3_XXS"), Map.entry(24, "IQ1_S"), Map.entry(25, "IQ4_NL"),
      Map.entry(26, "IQ3_S"), Map.entry(27, "IQ3_M"), Map.entry(28, "IQ2_S"), Map.entry(29, "IQ2_M"),
      Map.entry(30, "IQ4_XS"), Map.entry(31, "IQ1_M"), Map.entry(32, "BF16"), Map.entry(33, "Q4_0_4_4"),
      Map.entry(34, "Q4_0_4_8"), Map.entry(35, "Q4_0_8_8"), Map.entry(36, "TQ1_0"), Map.entry(37, "TQ2_0"),
      Map.entry(38, "MXFP4_MOE"));

  /** Longest first, so "Q2_K_S" in a name wins over "Q2_K". */
  private static final List<String> BY_LENGTH = NAMES.values().stream()
      .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder())).toList();

  private static final Map<String, Pattern> PATTERNS = BY_LENGTH.stream().collect(Collectors.toMap(n -> n,
      n -> Pattern.compile("(?:^|[^a-z0-9])" + Pattern.quote(n.toLowerCase(Locale.ROOT)) + "(?:$|[^a-z0-9])")));

  private FileTypes() {}

  static Optional<String> name(long id) {
    return id >= 0 && id <= Integer.MAX_VALUE ? Optional.ofNullable(NAMES.get((int) id)) : Optional.empty();
  }

  /**
   * The file type a file name states the way llama.cpp's tools and model hubs name files ("model-q4_k_m.gguf",
   * "Llama-3.2-1B-Instruct-Q4_K_M.gguf", "tinyllama.Q8_0.gguf"): a type name between non-alphanumerics.
   */
  static Optional<String> fromFileName(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    for (String n : BY_LENGTH) {
      if (PATTERNS.get(n).matcher(lower).find()) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }
}
