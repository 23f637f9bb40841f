package org.inferbench.model.synth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.model.HfConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthesised T5 computes what T5 computes, relative position bias included (sequences longer than the exact
 * buckets): encoder output and decoder logits from ONNX Runtime equal a plain-Java pass, in merged and split layouts.
 */
final class T5FidelityTest {
  private static final long SEED = 3;
  @TempDir Path dir;

  @Test
  void mergedMatchesReference() throws Exception {
    check("merged");
  }

  @Test
  void splitMatchesReference() throws Exception {
    check("split");
  }

  private void check(String layout) throws Exception {
    HfConfig c = TinyConfigs.t5();
    List<Path> files = OnnxModelWriter.write(c, dir, "fp32", layout, SEED);
    ReferenceT5 ref = new ReferenceT5(c, OnnxModelWriter.weights(c, SEED));
    long[] src = new long[20];
    long[] mask = new long[20];
    for (int i = 0; i < src.length; i++) {
      src[i] = 3 + (i * 7) % 80;
      mask[i] = i < 18 ? 1 : 0;
    }
    List<OrtSession> sessions = new ArrayList<>();
    for (Path f : files) {
      sessions.add(Onnx.session(f));
    }
    try {
      Map<String, OnnxTensor> in = new HashMap<>();
      in.put("input_ids", Onnx.longs(src, 1, src.length));
      in.put("attention_mask", Onnx.longs(mask, 1, mask.length));
      Onnx.Tensor encoded = Onnx.run(sessions.get(0), in).get("last_hidden_state");
      assertThat(RefMath.maxAbsDiff(encoded.values(), RefMath.flatten(ref.encode(src, mask)))).isLessThan(1e-4);

      Map<String, Onnx.Tensor> present = null;
      long[][] steps = {{0, 5, 9, 14, 2, 8, 33, 40, 12, 19, 21, 6}, {7}, {44}};
      int length = 0;
      for (long[] ids : steps) {
        Map<String, OnnxTensor> d = new HashMap<>();
        d.put("input_ids", Onnx.longs(ids, 1, ids.length));
        d.put("encoder_attention_mask", Onnx.longs(mask, 1, mask.length));
        d.put("encoder_hidden_states", Onnx.floats(encoded.values(), encoded.shape()));
        d.put("use_cache_branch", Onnx.bool(present != null));
        for (int l = 0; l < c.layers(); l++) {
          for (String part : new String[] {"decoder.key", "decoder.value", "encoder.key", "encoder.value"}) {
            boolean enc = part.startsWith("encoder");
            float[] v = present == null ? new float[0] : present.get("present." + l + "." + part).values();
            int len = present == null ? 0 : enc ? src.length : length;
            d.put("past_key_values." + l + "." + part, Onnx.floats(v, 1, c.heads(), len, c.headDim()));
          }
        }
        OrtSession s = layout.equals("split") ? sessions.get(present == null ? 1 : 2) : sessions.get(1);
        Map<String, Onnx.Tensor> out = Onnx.run(s, d);
        assertThat(RefMath.maxAbsDiff(out.get("logits").values(), RefMath.flatten(ref.step(ids))))
            .as("step of %d tokens after %d", ids.length, length).isLessThan(1e-4);
        // a split with-past step returns only the decoder cache; the encoder cache stays as computed first
        if (present != null) {
          for (String k : present.keySet()) {
            out.putIfAbsent(k, present.get(k));
          }
        }
        present = out;
        length += ids.length;
        assertThat(present.get("present.1.decoder.key").shape()).containsExactly(1, c.heads(), length, c.headDim());
      }
    } finally {
      for (OrtSession s : sessions) {
        s.close();
      }
    }
  }
}
