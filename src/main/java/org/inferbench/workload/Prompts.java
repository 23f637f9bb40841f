package org.inferbench.workload;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.PromptTokenizer;

/**
 * Prompts of an exact length. By default seeded random token ids from the vocabulary (special tokens skipped);
 * the seed depends only on the workload seed, batch and prompt length, so two arms of a comparison (KV cache on
 * and off, two thread counts) get the same prompts.
 */
public final class Prompts {
  private Prompts() {}

  public static int[][] random(long seed, int batch, int length, int vocabSize, int[] specialTokens) {
    int[] special = specialTokens.clone();
    Arrays.sort(special);
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + batch * 8191L + length);
    int[][] ids = new int[batch][length];
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < length; i++) {
        int t;
        do {
          t = r.nextInt(vocabSize);
        } while (Arrays.binarySearch(special, t) >= 0);
        ids[b][i] = t;
      }
    }
    return ids;
  }

  /** The texts for a batch: the prompt text, or the file's lines in turn (one prompt per line). */
  public static String[] texts(RunParams p, int batch) throws BadInputException {
    List<String> lines = new ArrayList<>();
    if (p.promptText() != null) {
      lines.add(p.promptText());
    } else {
      try {
        for (String l : Files.readAllLines(p.promptFile())) {
          if (!l.isBlank()) lines.add(l);
        }
      } catch (IOException e) {
        throw new BadInputException("--prompt-file " + p.promptFile() + ": cannot read (" + e.getMessage() + ")");
      }
      if (lines.isEmpty()) throw new BadInputException("--prompt-file " + p.promptFile() + ": no prompts (expected one per line)");
    }
    String[] out = new String[batch];
    for (int b = 0; b < batch; b++) out[b] = lines.get(b % lines.size());
    return out;
  }

  /** Tokenizes each text and cuts or repeats its ids to exactly {@code length}. */
  public static int[][] tokenize(PromptTokenizer tokenizer, String[] texts, int length) throws Exception {
    return fit(encode(tokenizer, texts), length);
  }

  /** Each text's ids as the tokenizer makes them, to be fitted to each request's length. */
  public static int[][] encode(PromptTokenizer tokenizer, String[] texts) throws Exception {
    int[][] ids = new int[texts.length][];
    for (int b = 0; b < texts.length; b++) ids[b] = tokenizer.encode(texts[b]);
    return ids;
  }

  /** Each prompt's ids cut or repeated to exactly {@code length}. */
  public static int[][] fit(int[][] ids, int length) {
    int[][] out = new int[ids.length][];
    for (int b = 0; b < ids.length; b++) out[b] = fit(ids[b], length);
    return out;
  }

  static int[] fit(int[] ids, int length) {
    if (ids.length == 0) throw new IllegalArgumentException("prompt text: the tokenizer produced no tokens");
    int[] out = new int[length];
    for (int i = 0; i < length; i++) out[i] = ids[i % ids.length];
    return out;
  }
}
