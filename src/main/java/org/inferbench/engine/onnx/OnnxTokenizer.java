package org.inferbench.engine.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.PromptTokenizer;

/** The model's own tokenizer.json through DJL's binding of Hugging Face tokenizers; no special tokens added. */
public final class OnnxTokenizer implements PromptTokenizer, AutoCloseable {
  private final HuggingFaceTokenizer tokenizer;

  private OnnxTokenizer(HuggingFaceTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  public static OnnxTokenizer open(Path tokenizerJson) throws BadInputException {
    try {
      return new OnnxTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson,
          Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false")));
    } catch (IOException | RuntimeException e) {
      throw new BadInputException(tokenizerJson + ": cannot read tokenizer (" + BadInputException.oneLine(e) + ")", e);
    }
  }

  @Override
  public int[] encode(String text) {
    Encoding e = tokenizer.encode(text);
    long[] ids = e.getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) out[i] = Math.toIntExact(ids[i]);
    return out;
  }

  @Override
  public String decode(int[] ids) {
    long[] in = new long[ids.length];
    for (int i = 0; i < ids.length; i++) in[i] = ids[i];
    return tokenizer.decode(in, false);
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
