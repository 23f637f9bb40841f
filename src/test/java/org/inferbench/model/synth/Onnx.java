package org.inferbench.model.synth;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helpers: the ONNX checker (Debian's python3-onnx) and running a file in ONNX Runtime. */
final class Onnx {
  static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

  private Onnx() {}

  /** The checker's stderr, or "" when the file passes. */
  static String check(Path file) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("/usr/bin/python3", "-c",
        "import onnx,sys; onnx.checker.check_model(sys.argv[1])", file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return p.waitFor() == 0 ? "" : out;
  }

  static OrtSession session(Path file) throws OrtException {
    OrtSession.SessionOptions o = new OrtSession.SessionOptions();
    o.setIntraOpNumThreads(1);
    return ENV.createSession(file.toString(), o);
  }

  static OnnxTensor longs(long[] values, long... shape) throws OrtException {
    return OnnxTensor.createTensor(ENV, LongBuffer.wrap(values), shape);
  }

  static OnnxTensor floats(float[] values, long... shape) throws OrtException {
    return OnnxTensor.createTensor(ENV, FloatBuffer.wrap(values), shape);
  }

  static OnnxTensor bool(boolean value) throws OrtException {
    return OnnxTensor.createTensor(ENV, new boolean[] {value});
  }

  /** Runs and copies every output to a float array (with its shape) so the result outlives the session. */
  static Map<String, Tensor> run(OrtSession s, Map<String, OnnxTensor> inputs) throws OrtException {
    Map<String, OnnxTensor> used = new HashMap<>();
    for (String name : s.getInputNames()) {
      if (inputs.containsKey(name)) {
        used.put(name, inputs.get(name));
      }
    }
    Map<String, Tensor> out = new LinkedHashMap<>();
    try (OrtSession.Result r = s.run(used)) {
      for (Map.Entry<String, OnnxValue> e : r) {
        OnnxTensor t = (OnnxTensor) e.getValue();
        long[] shape = t.getInfo().getShape();
        FloatBuffer fb = t.getFloatBuffer();
        float[] v = new float[fb.remaining()];
        fb.get(v);
        out.put(e.getKey(), new Tensor(v, shape));
      }
    }
    return out;
  }

  record Tensor(float[] values, long[] shape) {}
}
