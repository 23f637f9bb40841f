package org.inferbench.engine.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession.Result;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.inferbench.engine.Generation;
import org.inferbench.engine.LoadedModel;
import org.inferbench.engine.ModelInfo;
import org.inferbench.engine.PromptTokenizer;
import org.inferbench.engine.Request;

/** An encoder (BERT style): a request is one forward pass over batch × sequence. */
final class EncoderModel implements LoadedModel {
  private final OrtEnvironment env;
  private final GraphSession graph;
  private final ModelInfo info;
  private final Map<String, String> effective;
  private final long modelLoadNanos;
  private final long sessionCreateNanos;
  private final OnnxTokenizer tokenizer;

  EncoderModel(OrtEnvironment env, GraphSession graph, ModelInfo info, Map<String, String> effective,
      long modelLoadNanos, long sessionCreateNanos, OnnxTokenizer tokenizer) {
    this.env = env;
    this.graph = graph;
    this.info = info;
    this.effective = Map.copyOf(effective);
    this.modelLoadNanos = modelLoadNanos;
    this.sessionCreateNanos = sessionCreateNanos;
    this.tokenizer = tokenizer;
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public Map<String, String> effectiveSettings() {
    return effective;
  }

  @Override
  public long modelLoadNanos() {
    return modelLoadNanos;
  }

  @Override
  public long sessionCreateNanos() {
    return sessionCreateNanos;
  }

  @Override
  public EncoderGeneration start(Request request) {
    return new EncoderGeneration(request);
  }

  @Override
  public PromptTokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public void close() {
    if (tokenizer != null) tokenizer.close();
    graph.close();
  }

  /** The forward pass on the first step; its output (the graph's first, by position) stays open until close. */
  final class EncoderGeneration implements Generation {
    private final Request request;
    private Result result;
    private boolean done;

    private EncoderGeneration(Request request) {
      this.request = request;
    }

    @Override
    public int step() throws Exception {
      if (done) return 0;
      int batch = request.batch();
      int length = request.promptLength();
      Map<String, OnnxTensor> in = new HashMap<>();
      try {
        var ids = Tensors.longs(batch * length);
        for (int b = 0; b < batch; b++) {
          for (int j = 0; j < length; j++) ids.put(b * length + j, request.promptTokens()[b][j]);
        }
        in.put("input_ids", Tensors.int64(env, ids, batch, length));
        if (graph.has("attention_mask")) in.put("attention_mask", Tensors.filled(env, 1, batch, length));
        if (graph.has("token_type_ids")) in.put("token_type_ids", Tensors.filled(env, 0, batch, length));
        result = graph.session.run(in, Set.of(graph.output(0)));
      } finally {
        for (OnnxTensor t : in.values()) t.close();
      }
      done = true;
      return 1;
    }

    /** The encoder's first output, [batch, sequence, hidden], as floats (for checks; copies). */
    float[][][] output() throws Exception {
      return (float[][][]) result.get(0).getValue();
    }

    @Override
    public void close() {
      if (result != null) result.close();
      result = null;
    }
  }
}
