package org.inferbench.model.gguf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.inferbench.model.Architecture;
import org.inferbench.model.HfConfig;
import org.inferbench.model.synth.LlamaWeights;
import org.inferbench.model.synth.OnnxModelWriter;
import org.inferbench.model.synth.RopeFactors;
import org.inferbench.model.synth.SyntheticWeights;
import org.inferbench.model.synth.WeightSet;

/**
 * Writes a model as a GGUF v3 file with seeded random weights: the metadata llama.cpp's loader reads (with its exact
 * key types: u32 counts, f32 epsilons; src/llama-model.cpp), a vocabulary, and every tensor of {@link TensorPlan}
 * quantized from the same float weights the model has in every other format.
 */
final class GgufModelWriter {
  /** Bumped whenever the bytes written for the same inputs change (part of the cache entry's name). */
  static final String VERSION = "2";

  private GgufModelWriter() {}

  static void write(HfConfig c, Path file, GgufFileType type, long seed, String name) throws IOException {
    TensorPlan plan = TensorPlan.of(c, type);
    GgufWriter w = new GgufWriter();
    boolean decoder = DecoderTensors.writes(c.architecture());
    String arch = decoder ? DecoderTensors.layout(c.architecture()).arch() : c.architecture().modelType();
    w.put("general.architecture", GgufValue.string(arch));
    w.put("general.name", GgufValue.string(name));
    w.put("general.file_type", GgufValue.u32(type.id()));
    w.put("general.quantization_version", GgufValue.u32(2));
    if (decoder) {
      DecoderMetadata.put(w, c, arch);
      GgufVocab.llama(w, c, c.architecture() == Architecture.PHI3);
      for (TensorPlan.Entry e : plan.tensors()) w.addTensor(e.name(), e.type(), e.dims(), seededRows(e, seed));
      w.write(file);
      return;
    }
    w.put(arch + ".context_length", GgufValue.u32(c.maxPositions()));
    w.put(arch + ".embedding_length", GgufValue.u32(c.hidden()));
    w.put(arch + ".block_count", GgufValue.u32(c.layers()));
    w.put(arch + ".feed_forward_length", GgufValue.u32(c.ffn()));
    w.put(arch + ".attention.head_count", GgufValue.u32(c.heads()));
    if (c.architecture() == Architecture.LLAMA) {
      w.put("llama.attention.head_count_kv", GgufValue.u32(c.kvHeads()));
      w.put("llama.attention.layer_norm_rms_epsilon", GgufValue.f32((float) c.eps()));
      w.put("llama.rope.freq_base", GgufValue.f32((float) c.ropeTheta()));
      w.put("llama.rope.dimension_count", GgufValue.u32(c.headDim()));
      w.put("llama.attention.key_length", GgufValue.u32(c.headDim()));
      w.put("llama.attention.value_length", GgufValue.u32(c.headDim()));
      w.put("llama.vocab_size", GgufValue.u32(c.vocabSize()));
      GgufVocab.llama(w, c);
      Map<String, LlamaWeights.Tensor> weights = LlamaWeights.of(c);
      for (TensorPlan.Entry e : plan.tensors()) {
        w.addTensor(e.name(), e.type(), e.dims(), llamaRows(c, e, weights, seed));
      }
    } else {
      w.put("gpt2.attention.layer_norm_epsilon", GgufValue.f32((float) c.eps()));
      GgufVocab.gpt2(w, c);
      WeightSet weights = OnnxModelWriter.weights(c, seed);
      for (TensorPlan.Entry e : plan.tensors()) {
        w.addTensor(e.name(), e.type(), e.dims(), gpt2Rows(e, weights));
      }
    }
    w.write(file);
  }

  /** The entry's seeded values in row order (one stream over the whole tensor, experts one after another). */
  private static GgufWriter.RowSource seededRows(TensorPlan.Entry e, long seed) {
    if (Double.isNaN(e.std())) return (row, out) -> java.util.Arrays.fill(out, 1f);
    SyntheticWeights.RowStream[] stream = new SyntheticWeights.RowStream[1];
    return (row, out) -> {
      if (row == 0) stream[0] = SyntheticWeights.rows(seed, e.hfName(), e.std());
      stream[0].next(out);
    };
  }

  private static GgufWriter.RowSource llamaRows(HfConfig c, TensorPlan.Entry e, Map<String, LlamaWeights.Tensor> all,
      long seed) {
    if (e.hfName() == null) {
      float[] factors = RopeFactors.llama3(c);
      return (row, out) -> System.arraycopy(factors, 0, out, 0, out.length);
    }
    LlamaWeights.Tensor t = all.get(e.hfName());
    if (t.ones()) return (row, out) -> java.util.Arrays.fill(out, 1f);
    boolean query = e.name().endsWith("attn_q.weight");
    if (query || e.name().endsWith("attn_k.weight")) {
      float[] v = LlamaWeights.values(t, seed);
      int headDim = c.headDim();
      return (row, out) -> System.arraycopy(v, hfRowOf((int) row, headDim) * out.length, out, 0, out.length);
    }
    // rows in the order the writer asks for them, which is the tensor's own row order
    SyntheticWeights.RowStream[] stream = new SyntheticWeights.RowStream[1];
    return (row, out) -> {
      if (row == 0) stream[0] = t.rows(seed);
      stream[0].next(out);
    };
  }

  /**
   * The Hugging Face row behind a GGUF row of attn_q or attn_k. Hugging Face rotates the two halves of each head
   * (rotate_half), llama.cpp rotates adjacent pairs, so convert_hf_to_gguf.py permutes each head's rows: GGUF row
   * i·2 + j of a head is Hugging Face row j·(head_dim/2) + i.
   */
  static int hfRowOf(int row, int headDim) {
    int head = row / headDim;
    int inHead = row % headDim;
    int i = inHead / 2;
    int j = inHead % 2;
    return head * headDim + j * (headDim / 2) + i;
  }

  private static GgufWriter.RowSource gpt2Rows(TensorPlan.Entry e, WeightSet weights) {
    float[] v = weights.get(e.hfName());
    long[] shape = weights.shape(e.hfName());
    boolean conv1d = e.dims().length == 2 && e.kind() == TensorPlan.Kind.MATMUL;
    if (!conv1d) return (row, out) -> System.arraycopy(v, Math.toIntExact(row * out.length), out, 0, out.length);
    // Conv1D weights are [in, out]: a GGUF row (one output unit over the inputs) is a column
    int cols = Math.toIntExact(shape[1]);
    return (row, out) -> {
      for (int k = 0; k < out.length; k++) out[k] = v[k * cols + (int) row];
    };
  }
}
