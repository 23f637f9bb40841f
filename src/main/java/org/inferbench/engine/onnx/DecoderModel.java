package org.inferbench.engine.onnx;

import ai.onnxruntime.OrtEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.inferbench.engine.Generation;
import org.inferbench.engine.LoadedModel;
import org.inferbench.engine.ModelInfo;
import org.inferbench.engine.PromptTokenizer;
import org.inferbench.engine.Request;

/**
 * A decoder (GPT-2 style) or encoder-decoder (T5 style) loaded into ONNX Runtime. {@code first} runs a sequence
 * with an empty cache (prefill, and every step with kv-cache=off); {@code withPast} runs one token against the
 * cache. Single and merged layouts use one graph for both; split uses decoder_model.onnx and
 * decoder_with_past_model.onnx. Requests run one at a time (the harness's way): they share the logits buffer.
 */
final class DecoderModel implements LoadedModel {
  final OrtEnvironment env;
  final ConfigNumbers facts;
  final GraphSession encoder;
  final GraphSession first;
  final GraphSession withPast;
  final boolean kvCache;
  final LogitsBuffer logits;
  private final ModelInfo info;
  private final Map<String, String> effective;
  private final long modelLoadNanos;
  private final long sessionCreateNanos;
  private final OnnxTokenizer tokenizer;
  private final Map<GraphSession, List<String>> presents = new java.util.IdentityHashMap<>();
  private final Map<GraphSession, java.util.Set<String>> presentSets = new java.util.IdentityHashMap<>();

  DecoderModel(OrtEnvironment env, ConfigNumbers facts, ModelInfo info, GraphSession encoder, GraphSession first,
      GraphSession withPast, boolean kvCache, Map<String, String> effective, long modelLoadNanos,
      long sessionCreateNanos, OnnxTokenizer tokenizer) {
    this.env = env;
    this.facts = facts;
    this.info = info;
    this.encoder = encoder;
    this.first = first;
    this.withPast = withPast;
    this.kvCache = kvCache;
    this.effective = Map.copyOf(effective);
    this.modelLoadNanos = modelLoadNanos;
    this.sessionCreateNanos = sessionCreateNanos;
    this.tokenizer = tokenizer;
    this.logits = new LogitsBuffer(first.outputs.get(first.logitsOutput()).type);
    for (GraphSession g : new GraphSession[] {first, withPast}) {
      List<String> p = new ArrayList<>();
      for (String o : g.outputNames) if (o.startsWith(GraphSession.PRESENT)) p.add(o);
      presents.put(g, List.copyOf(p));
      presentSets.put(g, java.util.Set.copyOf(p));
    }
  }

  List<String> presentOutputs(GraphSession g) {
    return presents.get(g);
  }

  java.util.Set<String> presentOutputSet(GraphSession g) {
    return presentSets.get(g);
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
  public Generation start(Request request) {
    return start(request, false);
  }

  /** As {@link #start(Request)}; with {@code recordLogits} the generation keeps every step's last logits rows. */
  DecoderGeneration start(Request request, boolean recordLogits) {
    return new DecoderGeneration(this, request, recordLogits);
  }

  @Override
  public PromptTokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public void close() {
    if (tokenizer != null) tokenizer.close();
    if (withPast != first) withPast.close();
    first.close();
    if (encoder != null) encoder.close();
  }
}
