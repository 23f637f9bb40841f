package org.inferbench.engine.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Set;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.core.BadInputException;

/**
 * One ONNX Runtime session and what the engine reads from its signature: which inputs it wants, the past
 * key/value inputs with their element type, and the outputs by position (real exports name them freely).
 */
final class GraphSession implements AutoCloseable {
  static final String PAST = "past_key_values.";
  static final String PRESENT = "present.";

  final Path file;
  final OrtSession session;
  final Map<String, TensorInfo> inputs = new LinkedHashMap<>();
  final List<String> outputNames;
  final Map<String, TensorInfo> outputs = new LinkedHashMap<>();
  /** past_key_values.* inputs in graph order. */
  final List<String> pastInputs = new ArrayList<>();

  private GraphSession(Path file, OrtSession session) throws OrtException {
    this.file = file;
    this.session = session;
    for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
      if (e.getValue().getInfo() instanceof TensorInfo t) inputs.put(e.getKey(), t);
      if (e.getKey().startsWith(PAST)) pastInputs.add(e.getKey());
    }
    for (Map.Entry<String, NodeInfo> e : session.getOutputInfo().entrySet()) {
      if (e.getValue().getInfo() instanceof TensorInfo t) outputs.put(e.getKey(), t);
    }
    this.outputNames = List.copyOf(session.getOutputNames());
  }

  /**
   * Creates the session from the file's bytes (or its path when {@code bytes} is null); a file ORT cannot read
   * (truncated, not ONNX) is bad input naming the file.
   */
  static GraphSession open(OrtEnvironment env, Path file, ByteBuffer bytes, OrtSession.SessionOptions options)
      throws BadInputException {
    OrtSession s;
    try {
      s = bytes == null ? env.createSession(file.toString(), options) : env.createSession(bytes, options);
    } catch (OrtException e) {
      throw new BadInputException(file + ": ONNX Runtime cannot load this model file (" + BadInputException.oneLine(e) + ")",
          e);
    }
    try {
      return new GraphSession(file, s);
    } catch (OrtException e) {
      closeQuietly(s);
      throw new BadInputException(file + ": cannot read the graph's inputs and outputs (" + BadInputException.oneLine(e) + ")",
          e);
    }
  }

  private static final Set<String> KNOWN_INPUTS = Set.of("input_ids", "attention_mask", "token_type_ids",
      "position_ids", "use_cache_branch", "encoder_hidden_states", "encoder_attention_mask");

  /** Every input of every graph must be one the engine knows how to fill; fails naming the first it does not. */
  static void checkInputs(GraphSession... graphs) throws BadInputException {
    for (GraphSession g : graphs) {
      if (g == null) continue;
      for (String in : g.inputs.keySet()) {
        if (!in.startsWith(PAST) && !KNOWN_INPUTS.contains(in)) {
          throw new BadInputException(g.file + ": graph input '" + in + "' is not one the onnx engine can fill ("
              + "expected "
              + String.join(", ", new java.util.TreeSet<>(KNOWN_INPUTS)) + ", past_key_values.*)");
        }
      }
    }
  }

  boolean has(String input) {
    return inputs.containsKey(input);
  }

  /** The output at a position: the first output of a decoder is its logits whatever the export called it. */
  String output(int position) {
    return outputNames.get(position);
  }

  /**
   * The logits: the first output that is not a present.* cache tensor. Found by position rather than by name, since
   * real exports name outputs freely (logits, output_0, ...) and do not all put them first.
   */
  String logitsOutput() {
    for (String o : outputNames) {
      if (!o.startsWith(PRESENT)) return o;
    }
    return output(0);
  }

  OnnxJavaType pastType() {
    return pastInputs.isEmpty() ? OnnxJavaType.FLOAT : inputs.get(pastInputs.get(0)).type;
  }

  /** The past input a present output feeds in the next step: present.0.key -> past_key_values.0.key. */
  static String pastFor(String present) {
    return PAST + present.substring(PRESENT.length());
  }

  /** The self-attention layers the past inputs describe (…N.key or …N.decoder.key). */
  int selfAttentionLayers() {
    int n = 0;
    for (String p : pastInputs) {
      if (p.endsWith(".key") && !p.endsWith(".encoder.key")) n++;
    }
    return n;
  }

  /**
   * Checks that the config the engine was given matches this graph: layers, key/value heads and head size of the
   * past inputs, so a wrong config.json fails here instead of as an ORT shape error in the middle of a run.
   */
  void checkDecoder(ConfigNumbers f) throws BadInputException {
    if (pastInputs.isEmpty()) return;
    int layers = selfAttentionLayers();
    if (layers != f.decoderLayers()) {
      throw new BadInputException(file + ": graph has " + layers + " decoder layers but the model config says "
          + f.decoderLayers() + " (n_layer / num_decoder_layers)");
    }
    long[] shape = inputs.get(pastInputs.get(0)).getShape();
    if (shape.length == 4) {
      if (shape[1] > 0 && shape[1] != f.kvHeads()) {
        throw new BadInputException(file + ": graph's past key/values have " + shape[1]
            + " heads but the model config says " + f.kvHeads()
            + " (num_attention_heads / n_head / num_key_value_heads)");
      }
      if (shape[3] > 0 && shape[3] != f.headDim()) {
        throw new BadInputException(file + ": graph's head size is " + shape[3] + " but the model config gives "
            + f.headDim() + " (hidden size " + f.hidden() + " / " + f.heads() + " heads, or head_dim / d_kv)");
      }
    }
    checkLastDim(logitsOutput(), f.vocabSize(), "vocab_size");
  }

  /** An encoder's first output is [batch, sequence, hidden]. */
  void checkEncoder(ConfigNumbers f) throws BadInputException {
    checkLastDim(output(0), f.hidden(), "hidden_size / n_embd / d_model");
  }

  private void checkLastDim(String output, long expected, String field) throws BadInputException {
    long[] shape = outputs.get(output).getShape();
    long last = shape.length == 0 ? -1 : shape[shape.length - 1];
    if (last > 0 && last != expected) {
      throw new BadInputException(file + ": graph output '" + output + "' has last dimension " + last
          + " but the model config says " + expected + " (" + field + ")");
    }
  }

  @Override
  public void close() {
    closeQuietly(session);
  }

  private static void closeQuietly(OrtSession s) {
    try {
      s.close();
    } catch (OrtException e) {
      // nothing left to do with a session that cannot close
    }
  }
}
