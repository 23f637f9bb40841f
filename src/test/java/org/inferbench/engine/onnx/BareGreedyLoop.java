package org.inferbench.engine.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Greedy decoding written straight against the ONNX Runtime API, with no harness, engine or generation objects
 * in between: the reference the harness's overhead is measured against. Batch 1, float32, a single-file or merged
 * decoder (model.onnx / decoder_model_merged.onnx).
 */
final class BareGreedyLoop implements AutoCloseable {
  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final List<String> pastNames = new ArrayList<>();
  private final Map<String, long[]> pastShapes = new HashMap<>();
  private final Set<String> presentNames;
  private final String logitsName;
  private final boolean merged;
  private final boolean hasPositions;
  private final int vocab;
  private ByteBuffer logits = ByteBuffer.allocateDirect(0);

  /**
   * Over the engine's own session (the benchmark compares the harness and this loop on the same ONNX Runtime
   * session, so thread pools and memory are shared and only the code around the session differs).
   */
  BareGreedyLoop(OrtSession session, int vocab) throws OrtException {
    this.session = session;
    for (var e : session.getInputInfo().entrySet()) {
      if (e.getKey().startsWith("past_key_values.")) {
        pastNames.add(e.getKey());
        pastShapes.put(e.getKey(), ((TensorInfo) e.getValue().getInfo()).getShape());
      }
    }
    Set<String> presents = new java.util.LinkedHashSet<>();
    for (String out : session.getOutputNames()) if (out.startsWith("present.")) presents.add(out);
    presentNames = presents;
    logitsName = session.getOutputNames().iterator().next();
    merged = session.getInputNames().contains("use_cache_branch");
    hasPositions = session.getInputNames().contains("position_ids");
    this.vocab = vocab;
  }

  /** Runs prefill plus output-1 decode steps and returns the generated ids. */
  int[] generate(int[] prompt, int output) throws OrtException {
    int[] out = new int[output];
    int length = prompt.length;
    long[] seq = new long[length + output];
    for (int i = 0; i < length; i++) seq[i] = prompt[i];
    Map<String, OnnxTensor> past = new HashMap<>();
    List<OnnxTensor> empties = new ArrayList<>();
    for (String p : pastNames) {
      long[] s = pastShapes.get(p);
      OnnxTensor t = OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(0), new long[] {1, s[1], 0, s[3]},
          OnnxJavaType.FLOAT);
      empties.add(t);
      past.put(p, t);
    }
    OrtSession.Result previous = null;
    int fed = 0;
    for (int step = 0; step < output; step++) {
      int n = length - fed;
      Map<String, OnnxTensor> in = new HashMap<>(past);
      List<OnnxTensor> made = new ArrayList<>();
      LongBuffer ids = direct(n);
      for (int j = 0; j < n; j++) ids.put(j, seq[fed + j]);
      made.add(put(in, "input_ids", OnnxTensor.createTensor(env, ids, new long[] {1, n})));
      LongBuffer mask = direct(length);
      for (int j = 0; j < length; j++) mask.put(j, 1);
      made.add(put(in, "attention_mask", OnnxTensor.createTensor(env, mask, new long[] {1, length})));
      if (hasPositions) {
        LongBuffer pos = direct(n);
        for (int j = 0; j < n; j++) pos.put(j, fed + j);
        made.add(put(in, "position_ids", OnnxTensor.createTensor(env, pos, new long[] {1, n})));
      }
      if (merged) made.add(put(in, "use_cache_branch", OnnxTensor.createTensor(env, new boolean[] {step > 0})));
      long bytes = (long) n * vocab * 4;
      if (logits.capacity() < bytes) logits = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
      OnnxTensor target = OnnxTensor.createTensor(env, logits.slice(0, (int) bytes).order(ByteOrder.nativeOrder()),
          new long[] {1, n, vocab}, OnnxJavaType.FLOAT);
      OrtSession.Result r = session.run(in, presentNames, Map.of(logitsName, target));
      target.close();
      for (OnnxTensor t : made) t.close();
      if (previous != null) previous.close();
      previous = r;
      for (String present : presentNames) {
        OnnxValue v = r.get(present).orElseThrow();
        past.put("past_key_values." + present.substring("present.".length()), (OnnxTensor) v);
      }
      int base = (n - 1) * vocab;
      int best = 0;
      float max = logits.getFloat(base * 4);
      for (int v = 1; v < vocab; v++) {
        float x = logits.getFloat((base + v) * 4);
        if (x > max) {
          max = x;
          best = v;
        }
      }
      out[step] = best;
      fed = length;
      seq[length++] = best;
    }
    if (previous != null) previous.close();
    for (OnnxTensor t : empties) t.close();
    return out;
  }

  private static OnnxTensor put(Map<String, OnnxTensor> in, String name, OnnxTensor t) {
    in.put(name, t);
    return t;
  }

  private static LongBuffer direct(int n) {
    return ByteBuffer.allocateDirect(n * 8).order(ByteOrder.nativeOrder()).asLongBuffer();
  }

  @Override
  public void close() {
    // the session belongs to the engine's loaded model
  }
}
