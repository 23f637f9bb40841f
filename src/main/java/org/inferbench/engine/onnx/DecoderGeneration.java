package org.inferbench.engine.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.Result;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.inferbench.engine.Generation;
import org.inferbench.engine.Request;

/**
 * Greedy generation for a decoder or an encoder-decoder. The first step is the prefill (for an encoder-decoder: the
 * encoder pass, then the first decoder step), each later step one token per sequence; with kv-cache=off every step
 * runs the whole sequence again, the baseline the cache is measured against.
 */
final class DecoderGeneration implements Generation {
  private final DecoderModel model;
  private final OrtEnvironment env;
  private final Request request;
  private final int batch;
  private final int promptLength;
  /** [batch][sequence]: the prompt then the generated tokens (decoder), or start token then generated (T5). */
  private final int[][] sequence;
  private final boolean[] ended;
  private final KvCache cache = new KvCache();
  private final List<float[][]> recordedLogits;
  private int length;
  private int produced;
  private boolean finished;
  private Result encoderResult;
  private OnnxTensor encoderHidden;
  private final Map<String, OnnxTensor> emptyPasts = new HashMap<>();

  DecoderGeneration(DecoderModel model, Request request, boolean recordLogits) {
    this.model = model;
    this.env = model.env;
    this.request = request;
    this.batch = request.batch();
    this.promptLength = request.promptLength();
    boolean seq2seq = model.encoder != null;
    int capacity = (seq2seq ? 1 : promptLength) + Math.max(1, request.outputTokens());
    this.sequence = new int[batch][capacity];
    this.ended = new boolean[batch];
    for (int b = 0; b < batch; b++) {
      if (seq2seq) sequence[b][0] = model.facts.decoderStartTokenId();
      else System.arraycopy(request.promptTokens()[b], 0, sequence[b], 0, promptLength);
    }
    this.length = seq2seq ? 1 : promptLength;
    this.recordedLogits = recordLogits ? new ArrayList<>() : null;
  }

  @Override
  public int step() throws Exception {
    if (finished || produced >= Math.max(1, request.outputTokens())) return 0;
    boolean first = produced == 0;
    if (first && model.encoder != null) encode();
    if (first || !model.kvCache) {
      runDecoder(model.first, length, 0, false);
    } else {
      runDecoder(model.withPast, 1, length - 1, true);
    }
    boolean allEnded = true;
    for (int b = 0; b < batch; b++) {
      int next = model.logits.argmaxLast(b);
      sequence[b][length] = next;
      if (next == model.facts.eosTokenId()) ended[b] = true;
      allEnded &= ended[b];
    }
    if (recordedLogits != null) {
      float[][] rows = new float[batch][];
      for (int b = 0; b < batch; b++) rows[b] = model.logits.lastRow(b);
      recordedLogits.add(rows);
    }
    length++;
    produced++;
    if (request.stopAtEos() && allEnded) finished = true;
    return 1;
  }

  private void encode() throws OrtException {
    GraphSession g = model.encoder;
    Map<String, OnnxTensor> in = new HashMap<>();
    try {
      in.put("input_ids", ids(request.promptTokens(), 0, promptLength));
      if (g.has("attention_mask")) in.put("attention_mask", Tensors.filled(env, 1, batch, promptLength));
      encoderResult = g.session.run(in, Set.of(g.output(0)));
      encoderHidden = (OnnxTensor) encoderResult.get(0);
    } finally {
      for (OnnxTensor t : in.values()) t.close();
    }
  }

  /**
   * One decoder run over {@code positions} new tokens starting at {@code offset}; with a cache the past holds the
   * {@code offset} tokens before them.
   */
  private void runDecoder(GraphSession g, int positions, int offset, boolean withPast) throws OrtException {
    Map<String, OnnxTensor> in = new HashMap<>();
    List<OnnxTensor> owned = new ArrayList<>();
    OnnxTensor logitsTarget = model.logits.target(env, batch, positions, model.facts.vocabSize());
    try {
      owned.add(put(in, "input_ids", ids(sequence, offset, positions)));
      if (g.has("attention_mask")) {
        owned.add(put(in, "attention_mask", Tensors.filled(env, 1, batch, offset + positions)));
      }
      if (g.has("token_type_ids")) owned.add(put(in, "token_type_ids", Tensors.filled(env, 0, batch, positions)));
      if (g.has("position_ids")) owned.add(put(in, "position_ids", positionIds(offset, positions)));
      if (g.has("use_cache_branch")) owned.add(put(in, "use_cache_branch", Tensors.bool(env, withPast)));
      if (g.has("encoder_hidden_states")) in.put("encoder_hidden_states", encoderHidden);
      if (g.has("encoder_attention_mask")) {
        owned.add(put(in, "encoder_attention_mask", Tensors.filled(env, 1, batch, promptLength)));
      }
      for (String p : g.pastInputs) in.put(p, withPast ? cache.get(p) : emptyPast(g, p));
      boolean keep = model.kvCache;
      Set<String> wanted = keep ? model.presentOutputSet(g) : Set.of();
      Result r = g.session.run(in, wanted, Map.of(g.logitsOutput(), logitsTarget));
      if (keep) cache.update(r, model.presentOutputs(g));
      else r.close();
    } finally {
      for (OnnxTensor t : owned) t.close();
      logitsTarget.close();
    }
  }

  private OnnxTensor emptyPast(GraphSession g, String name) throws OrtException {
    OnnxTensor made = emptyPasts.get(name);
    if (made != null) return made;
    long[] shape = g.inputs.get(name).getShape();
    boolean cross = name.contains(".encoder.");
    long heads = shape.length == 4 && shape[1] > 0 ? shape[1] : cross ? model.facts.heads() : model.facts.kvHeads();
    long headDim = shape.length == 4 && shape[3] > 0 ? shape[3] : model.facts.headDim();
    OnnxTensor t = Tensors.emptyPast(env, g.inputs.get(name).type, batch, heads, headDim);
    emptyPasts.put(name, t);
    return t;
  }

  private static OnnxTensor put(Map<String, OnnxTensor> in, String name, OnnxTensor t) {
    in.put(name, t);
    return t;
  }

  private OnnxTensor ids(int[][] rows, int offset, int positions) throws OrtException {
    LongBuffer b = Tensors.longs(batch * positions);
    for (int i = 0; i < batch; i++) {
      for (int j = 0; j < positions; j++) b.put(i * positions + j, rows[i][offset + j]);
    }
    return Tensors.int64(env, b, batch, positions);
  }

  private OnnxTensor positionIds(int offset, int positions) throws OrtException {
    LongBuffer b = Tensors.longs(batch * positions);
    for (int i = 0; i < batch; i++) {
      for (int j = 0; j < positions; j++) b.put(i * positions + j, offset + j);
    }
    return Tensors.int64(env, b, batch, positions);
  }

  @Override
  public int[] tokens(int sequenceIndex) {
    int start = model.encoder != null ? 1 : promptLength;
    int[] out = new int[produced];
    System.arraycopy(sequence[sequenceIndex], start, out, 0, produced);
    return out;
  }

  /** The last-position logits of every step so far, [step][sequence][vocab]; only when recording was asked for. */
  List<float[][]> logits() {
    return recordedLogits;
  }

  @Override
  public void close() {
    cache.close();
    for (OnnxTensor t : emptyPasts.values()) t.close();
    emptyPasts.clear();
    if (encoderResult != null) encoderResult.close();
    encoderResult = null;
  }
}
