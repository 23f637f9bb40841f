package org.inferbench.model.synth;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.model.HfConfig;

/**
 * Drives a synthesised decoder (GPT-2, llama) through prefill and decode steps in any of the three layouts, feeding inputs the way
 * transformers.js does (empty past tensors and use_cache_branch=false for the first merged step).
 */
final class DecoderSteps implements AutoCloseable {
  private final HfConfig c;
  private final String layout;
  private final List<OrtSession> sessions = new ArrayList<>();
  private Map<String, Onnx.Tensor> present;
  private int length;

  DecoderSteps(HfConfig c, String layout, List<Path> files) throws OrtException {
    this.c = c;
    this.layout = layout;
    for (Path f : files) {
      sessions.add(Onnx.session(f));
    }
  }

  /** Feeds tokens after those already seen; returns all outputs of the step. */
  Map<String, Onnx.Tensor> step(long... ids) throws OrtException {
    boolean first = present == null;
    int n = ids.length;
    long[] mask = new long[length + n];
    java.util.Arrays.fill(mask, 1);
    long[] pos = new long[n];
    for (int i = 0; i < n; i++) {
      pos[i] = length + i;
    }
    List<OnnxTensor> owned = new ArrayList<>();
    Map<String, OnnxTensor> in = new HashMap<>();
    owned.add(put(in, "input_ids", Onnx.longs(ids, 1, n)));
    owned.add(put(in, "attention_mask", Onnx.longs(mask, 1, length + n)));
    owned.add(put(in, "position_ids", Onnx.longs(pos, 1, n)));
    owned.add(put(in, "use_cache_branch", Onnx.bool(!first)));
    for (int l = 0; l < c.layers(); l++) {
      for (String kv : new String[] {"key", "value"}) {
        float[] data = first ? new float[0] : present.get("present." + l + "." + kv).values();
        owned.add(put(in, "past_key_values." + l + "." + kv,
            Onnx.floats(data, 1, c.kvHeads(), length, c.headDim())));
      }
    }
    OrtSession s = layout.equals("split") && !first ? sessions.get(1) : sessions.get(0);
    Map<String, Onnx.Tensor> out = Onnx.run(s, in);
    owned.forEach(OnnxTensor::close);
    present = out;
    length += n;
    return out;
  }

  private static OnnxTensor put(Map<String, OnnxTensor> in, String name, OnnxTensor t) {
    in.put(name, t);
    return t;
  }

  @Override
  public void close() throws OrtException {
    for (OrtSession s : sessions) {
      s.close();
    }
  }
}
