package org.inferbench.model.synth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.model.HfConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthesised encoders compute what BERT and ModernBERT compute: ONNX Runtime equals a plain-Java pass. */
final class EncoderFidelityTest {
  private static final long SEED = 5;
  @TempDir Path dir;

  @Test
  void bertMatchesReference() throws Exception {
    HfConfig c = TinyConfigs.bert();
    long[] ids = {101, 7, 55, 23, 102, 0};
    long[] types = {0, 0, 0, 1, 1, 1};
    long[] mask = {1, 1, 1, 1, 1, 0};
    float[] onnx = run(c, Map.of("input_ids", ids, "token_type_ids", types, "attention_mask", mask));
    float[][] ref = ReferenceEncoders.bert(c, OnnxModelWriter.weights(c, SEED), ids, types, mask);
    assertThat(RefMath.maxAbsDiff(onnx, RefMath.flatten(ref))).isLessThan(1e-4);
  }

  /** Ten tokens against a local window of 4: local layers must not see distant tokens, global layers must. */
  @Test
  void modernBertMatchesReferenceWithLocalWindowShorterThanSequence() throws Exception {
    HfConfig c = TinyConfigs.modernBert();
    long[] ids = {1, 9, 33, 71, 4, 18, 99, 2, 45, 60};
    long[] mask = {1, 1, 1, 1, 1, 1, 1, 1, 1, 0};
    float[] onnx = run(c, Map.of("input_ids", ids, "attention_mask", mask));
    WeightSet w = OnnxModelWriter.weights(c, SEED);
    assertThat(RefMath.maxAbsDiff(onnx, RefMath.flatten(ReferenceEncoders.modernBert(c, w, ids, mask))))
        .isLessThan(1e-4);
    // and the window matters: all layers global gives a different answer
    HfConfig allGlobal = c.withOverrides(Map.of("global_attn_every_n_layers", "1"));
    assertThat(RefMath.maxAbsDiff(onnx, RefMath.flatten(ReferenceEncoders.modernBert(allGlobal, w, ids, mask))))
        .isGreaterThan(1e-3);
  }

  private float[] run(HfConfig c, Map<String, long[]> inputs) throws Exception {
    List<Path> files = OnnxModelWriter.write(c, dir, "fp32", "single", SEED);
    try (OrtSession s = Onnx.session(files.get(0))) {
      Map<String, OnnxTensor> in = new HashMap<>();
      for (Map.Entry<String, long[]> e : inputs.entrySet()) {
        in.put(e.getKey(), Onnx.longs(e.getValue(), 1, e.getValue().length));
      }
      float[] out = Onnx.run(s, in).get("last_hidden_state").values();
      in.values().forEach(OnnxTensor::close);
      return out;
    }
  }
}
