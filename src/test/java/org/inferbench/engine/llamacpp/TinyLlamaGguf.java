package org.inferbench.engine.llamacpp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.inferbench.core.TensorType;
import org.inferbench.model.gguf.GgufValue;
import org.inferbench.model.gguf.GgufValueType;
import org.inferbench.model.gguf.GgufWriter;

/**
 * A tiny llama-architecture GGUF with seeded random weights, small enough that llama.cpp loads it in well under a
 * second: 2 layers, hidden 256, 4 heads of 64, 2 key/value heads, feed-forward 512, and an SPM vocabulary of 300
 * (unk, bos, eos, the 256 byte tokens {@code <0xXX>} of type 6, 41 word pieces). Metadata keys carry the exact types
 * llama.cpp b4916's loader checks (u32 counts and ids, f32 epsilon and rope base; src/llama-model-loader.cpp).
 * Stands in for the gguf model format until it can synthesise llama presets.
 */
final class TinyLlamaGguf {
  static final int LAYERS = 2;
  static final int WORDS = 41;
  static final int VOCAB = 3 + 256 + WORDS;
  static final int CONTEXT = 512;
  /** The first byte token: byte b is token BYTE0 + b. */
  static final int BYTE0 = 3;

  /** Widths: hidden, query heads, key/value heads, feed-forward. Head width is hidden / heads. */
  record Shape(int hidden, int heads, int kvHeads, int ffn) {
    int headDim() {
      return hidden / heads;
    }
  }

  static final Shape TINY = new Shape(256, 4, 2, 512);

  /**
   * Storage types: the layers' matrices, ffn_down apart (Q4_K_M keeps it at Q6_K), the token embedding, lm_head
   * (null: none, tied to the embedding), the norm weights (F32 in every real file), and general.file_type (a
   * llama_ftype).
   */
  record Types(TensorType matrices, TensorType ffnDown, TensorType embedding, TensorType output, TensorType norms,
      int fileType) {
    static Types uniform(TensorType t, int fileType) {
      return new Types(t, t, t, t, TensorType.F32, fileType);
    }
  }

  /** F16 matrices and embedding, an F16 lm_head of its own: llama_ftype MOSTLY_F16 (1). */
  static final Types F16 = Types.uniform(TensorType.F16, 1);

  private TinyLlamaGguf() {}

  static Path write(Path file, Types types, long seed) throws IOException {
    writer(TINY, types, seed, CONTEXT).write(file);
    return file;
  }

  /** The writer before {@link GgufWriter#write}, for tests that change a key or add a tensor first. */
  static GgufWriter writer(Shape shape, Types types, long seed, int contextLength) {
    GgufWriter w = new GgufWriter();
    w.put("general.architecture", text("llama"));
    w.put("general.name", text("tiny-llama"));
    w.put("general.file_type", u32(types.fileType()));
    w.put("general.quantization_version", u32(2));
    w.put("llama.context_length", u32(contextLength));
    w.put("llama.embedding_length", u32(shape.hidden()));
    w.put("llama.block_count", u32(LAYERS));
    w.put("llama.feed_forward_length", u32(shape.ffn()));
    w.put("llama.attention.head_count", u32(shape.heads()));
    w.put("llama.attention.head_count_kv", u32(shape.kvHeads()));
    w.put("llama.rope.dimension_count", u32(shape.headDim()));
    w.put("llama.rope.freq_base", new GgufValue.Real(GgufValueType.FLOAT32, 10000.0));
    w.put("llama.attention.layer_norm_rms_epsilon", new GgufValue.Real(GgufValueType.FLOAT32, 1e-5f));
    w.put("llama.vocab_size", u32(VOCAB));
    vocabulary(w);

    int e = shape.hidden();
    int q = shape.heads() * shape.headDim();
    int kv = shape.kvHeads() * shape.headDim();
    SplittableRandom rnd = new SplittableRandom(seed);
    matrix(w, "token_embd.weight", types.embedding(), e, VOCAB, rnd.split());
    ones(w, "output_norm.weight", types.norms(), e);
    if (types.output() != null) matrix(w, "output.weight", types.output(), e, VOCAB, rnd.split());
    for (int l = 0; l < LAYERS; l++) {
      String b = "blk." + l + ".";
      ones(w, b + "attn_norm.weight", types.norms(), e);
      matrix(w, b + "attn_q.weight", types.matrices(), e, q, rnd.split());
      matrix(w, b + "attn_k.weight", types.matrices(), e, kv, rnd.split());
      matrix(w, b + "attn_v.weight", types.matrices(), e, kv, rnd.split());
      matrix(w, b + "attn_output.weight", types.matrices(), q, e, rnd.split());
      ones(w, b + "ffn_norm.weight", types.norms(), e);
      matrix(w, b + "ffn_gate.weight", types.matrices(), e, shape.ffn(), rnd.split());
      matrix(w, b + "ffn_up.weight", types.matrices(), e, shape.ffn(), rnd.split());
      matrix(w, b + "ffn_down.weight", types.ffnDown(), shape.ffn(), e, rnd.split());
    }
    return w;
  }

  /**
   * The tiny model with an lm_head whose only non-zero rows are the UTF-8 lead bytes 0xC0-0xF7, alternately along a
   * direction and against it, so one of them is always the greedy choice: without a ban, llama-server holds every
   * token back (each leaves the text ending in an incomplete sequence) and streams none until the end.
   */
  static Path writeLeadBytesFavoured(Path file, long seed) throws IOException {
    GgufWriter w = writer(TINY, new Types(TensorType.F16, TensorType.F16, TensorType.F16, null, TensorType.F32, 1),
        seed, CONTEXT);
    float[] direction = new float[TINY.hidden()];
    SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int i = 0; i < direction.length; i++) direction[i] = (float) gaussian(r);
    w.addTensor("output.weight", TensorType.F16, new long[] {TINY.hidden(), VOCAB}, (row, out) -> {
      boolean lead = row >= BYTE0 + 0xC0 && row <= BYTE0 + 0xF7;
      float sign = lead ? (row % 2 == 0 ? 1f : -1f) : 0f;
      for (int i = 0; i < out.length; i++) out[i] = sign * direction[i];
    });
    w.write(file);
    return file;
  }

  /** unk, bos, eos (llama.cpp's SPM defaults 0, 1, 2), the byte tokens, then word pieces. */
  private static void vocabulary(GgufWriter w) {
    List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
    List<GgufValue> types = new ArrayList<>(List.of(i32(2), i32(3), i32(3)));
    float[] scores = new float[VOCAB];
    for (int b = 0; b < 256; b++) {
      tokens.add(String.format("<0x%02X>", b));
      types.add(i32(6));
    }
    for (int i = 0; i < WORDS; i++) {
      tokens.add("\u2581w" + i);
      types.add(i32(1));
      scores[BYTE0 + 256 + i] = -i;
    }
    w.put("tokenizer.ggml.model", text("llama"));
    w.put("tokenizer.ggml.tokens", GgufValue.strings(tokens));
    w.put("tokenizer.ggml.scores", GgufValue.f32s(scores));
    w.put("tokenizer.ggml.token_type", GgufValue.array(GgufValueType.INT32, types));
    w.put("tokenizer.ggml.unknown_token_id", u32(0));
    w.put("tokenizer.ggml.bos_token_id", u32(1));
    w.put("tokenizer.ggml.eos_token_id", u32(2));
  }

  /** A [rowLength, rows] matrix of Normal(0, 0.02) values: small enough that activations stay finite. */
  private static void matrix(GgufWriter w, String name, TensorType type, int rowLength, int rows,
      SplittableRandom rnd) {
    long seed = rnd.nextLong();
    w.addTensor(name, type, new long[] {rowLength, rows}, (row, out) -> {
      SplittableRandom r = new SplittableRandom(seed + row * 0x9E3779B97F4A7C15L);
      for (int i = 0; i < out.length; i++) out[i] = (float) (0.02 * gaussian(r));
    });
  }

  /** Norm weights at 1. */
  private static void ones(GgufWriter w, String name, TensorType type, int n) {
    float[] v = new float[n];
    Arrays.fill(v, 1f);
    w.addTensor(name, type, new long[] {n}, v);
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  static GgufValue text(String s) {
    return new GgufValue.Text(s);
  }

  static GgufValue u32(long v) {
    return new GgufValue.Int(GgufValueType.UINT32, v);
  }

  private static GgufValue i32(int v) {
    return new GgufValue.Int(GgufValueType.INT32, v);
  }
}
