package org.inferbench.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.inferbench.core.BadInputException;
import org.inferbench.core.TensorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What GgufWriter writes, GgufFile reads back unchanged: every key with its exact type, every tensor's values. */
final class GgufWriterTest {
  @TempDir
  Path dir;

  /** One tensor to write: its rows come from a seeded generator, so the test can recompute them. */
  private record Spec(String name, TensorType type, long[] dims, long seed) {
    int rowLength() {
      return (int) dims[0];
    }

    long rows() {
      long r = 1;
      for (int i = 1; i < dims.length; i++) {
        r *= dims[i];
      }
      return r;
    }

    float[] row(long r) {
      return Rows.normal(seed * 1_000_003L + r, rowLength(), 0.5);
    }
  }

  private static final List<Spec> SPECS = List.of(
      new Spec("token_embd.weight", TensorType.Q8_0, new long[] {64, 3}, 1),
      new Spec("blk.0.attn_q.weight", TensorType.Q4_K, new long[] {512, 2}, 2),
      new Spec("blk.0.attn_k.weight", TensorType.Q5_K, new long[] {256, 3}, 3),
      new Spec("blk.0.attn_v.weight", TensorType.Q6_K, new long[] {256, 2, 2}, 4),
      new Spec("blk.0.ffn_up.weight", TensorType.Q4_0, new long[] {32, 5}, 5),
      new Spec("blk.0.ffn_gate.weight", TensorType.Q4_1, new long[] {64, 1}, 6),
      new Spec("blk.0.ffn_down.weight", TensorType.Q5_0, new long[] {96, 2}, 7),
      new Spec("blk.0.attn_output.weight", TensorType.Q5_1, new long[] {32, 3}, 8),
      new Spec("blk.0.attn_norm.weight", TensorType.F16, new long[] {10, 3}, 9),
      new Spec("rope_freqs.weight", TensorType.BF16, new long[] {7}, 10),
      new Spec("output_norm.weight", TensorType.F32, new long[] {5}, 11),
      new Spec("four.dims", TensorType.F32, new long[] {2, 1, 3, 1}, 12));

  static Map<String, GgufValue> allKinds() {
    Map<String, GgufValue> m = new LinkedHashMap<>();
    m.put("general.architecture", GgufValue.string("llama"));
    m.put("general.name", GgufValue.string("tiny ✓ model"));
    m.put("t.u8", GgufValue.u8(255));
    m.put("t.i8", GgufValue.i8(-128));
    m.put("t.u16", GgufValue.u16(65535));
    m.put("t.i16", GgufValue.i16(-32768));
    m.put("llama.block_count", GgufValue.u32(0xFFFF_FFFFL));
    m.put("t.i32", GgufValue.i32(Integer.MIN_VALUE));
    m.put("llama.attention.layer_norm_rms_epsilon", GgufValue.f32(1e-5f));
    m.put("t.bool", GgufValue.bool(true));
    m.put("t.u64", GgufValue.u64(-1L));
    m.put("t.i64", GgufValue.i64(Long.MIN_VALUE));
    m.put("t.f64", GgufValue.f64(-Math.PI));
    m.put("tokenizer.ggml.tokens", GgufValue.strings(List.of("<s>", "</s>", "", "héllo", "<0x0A>")));
    m.put("tokenizer.ggml.token_type", GgufValue.i32s(1, 3, 3, 1, 6));
    m.put("tokenizer.ggml.scores", GgufValue.f32s(0f, -1.5f, Float.NaN, Float.NEGATIVE_INFINITY, 3.25f));
    m.put("t.u8s", GgufValue.array(GgufValueType.UINT8, List.of(GgufValue.u8(0), GgufValue.u8(200))));
    m.put("t.bools", GgufValue.array(GgufValueType.BOOL, List.of(GgufValue.bool(false), GgufValue.bool(true))));
    m.put("t.u64s", GgufValue.array(GgufValueType.UINT64, List.of(GgufValue.u64(1L << 63))));
    m.put("t.empty", GgufValue.array(GgufValueType.FLOAT64, List.of()));
    m.put("t.nested", GgufValue.array(GgufValueType.ARRAY, List.of(GgufValue.i32s(1, 2, 3),
        GgufValue.strings(List.of("a", "b")), GgufValue.array(GgufValueType.ARRAY, List.of(GgufValue.f32s(7f))))));
    m.put("general.file_type", GgufValue.u32(15));
    return m;
  }

  private Path writeAll(Path file, Map<String, GgufValue> metadata) throws IOException {
    GgufWriter w = new GgufWriter();
    metadata.forEach(w::put);
    for (Spec s : SPECS) {
      w.addTensor(s.name(), s.type(), s.dims(), (r, out) -> System.arraycopy(s.row(r), 0, out, 0, out.length));
    }
    w.write(file);
    return file;
  }

  /** Every key keeps its value and exact type, every tensor its shape, type and quantized values. */
  @Test
  void everyKeyAndTensorRoundTrips() throws Exception {
    Map<String, GgufValue> metadata = allKinds();
    GgufFile f = GgufFile.read(writeAll(dir.resolve("model.gguf"), metadata));

    assertThat(f.version()).isEqualTo(3);
    assertThat(f.metadata()).containsExactlyEntriesOf(metadata);
    assertThat(f.architecture()).isEqualTo("llama");
    assertThat(f.getU32("llama.block_count")).isEqualTo(0xFFFF_FFFFL);
    assertThat(f.getF32("llama.attention.layer_norm_rms_epsilon")).isEqualTo(1e-5f);
    assertThat(f.getU64("t.u64")).isEqualTo(-1L);
    assertThat(f.getStrings("tokenizer.ggml.tokens")).containsExactly("<s>", "</s>", "", "héllo", "<0x0A>");
    assertThat(f.getArray("tokenizer.ggml.token_type").longs()).containsExactly(1, 3, 3, 1, 6);
    assertThat(f.getArray("t.nested").get(2)).isEqualTo(GgufValue.array(GgufValueType.ARRAY,
        List.of(GgufValue.f32s(7f))));
    assertThat(f.fileType()).contains("Q4_K_M");

    assertThat(f.tensors()).extracting(TensorInfo::name).containsExactlyElementsOf(SPECS.stream().map(Spec::name)
        .toList());
    for (Spec s : SPECS) {
      TensorInfo t = f.tensor(s.name()).orElseThrow();
      assertThat(t.dims()).containsExactly(s.dims());
      assertThat(t.tensorType()).contains(s.type());
      Quantizer q = Quantizer.forType(s.type());
      float[] all = f.dequantize(t, 1 << 20);
      byte[] raw = f.readTensorBytes(t, 1 << 20);
      assertThat(raw).hasSize((int) s.type().bytes(s.rowLength() * s.rows()));
      for (long r = 0; r < s.rows(); r++) {
        byte[] rowBytes = q.quantize(s.row(r));
        float[] expected = q.dequantize(rowBytes);
        float[] got = new float[s.rowLength()];
        System.arraycopy(all, (int) r * s.rowLength(), got, 0, s.rowLength());
        assertThat(got).as("%s row %d", s.name(), r).containsExactly(expected);
        byte[] gotBytes = new byte[rowBytes.length];
        System.arraycopy(raw, (int) r * rowBytes.length, gotBytes, 0, rowBytes.length);
        assertThat(gotBytes).as("%s row %d bytes", s.name(), r).containsExactly(rowBytes);
      }
      assertThat(f.dequantizeRows(t, s.rows() - 1, 1)).containsExactly(q.dequantize(q.quantize(s.row(s.rows() - 1))));
    }
  }

  /** Tensor data starts at the aligned end of the header, each tensor padded to the alignment, contiguously. */
  @Test
  void dataIsAlignedAndContiguous() throws Exception {
    for (int alignment : new int[] {32, 64, 256}) {
      Map<String, GgufValue> metadata = new LinkedHashMap<>(allKinds());
      if (alignment != 32) {
        metadata.put("general.alignment", GgufValue.u32(alignment));
      }
      GgufFile f = GgufFile.read(writeAll(dir.resolve("a" + alignment + ".gguf"), metadata));
      assertThat(f.alignment()).isEqualTo((long) alignment);
      assertThat(f.dataOffset() % alignment).isZero();
      long expected = 0;
      for (TensorInfo t : f.tensors()) {
        assertThat(t.offset()).isEqualTo(expected);
        expected = GgufParser.align(expected + t.byteSize(), alignment);
      }
      assertThat(f.fileSize()).isEqualTo(f.dataOffset() + expected);
    }
  }

  /** Rows are asked for once each, in order, and stream through the buffer in chunks (here about 3 of them). */
  @Test
  void rowsStreamInOrder() throws Exception {
    List<Long> asked = new ArrayList<>();
    int rowLength = 4096;
    int rows = 200; // 200 rows of 16 KiB F32: more than one 1 MiB chunk
    new GgufWriter().put("general.architecture", GgufValue.string("llama"))
        .addTensor("big", TensorType.F32, new long[] {rowLength, rows}, (r, out) -> {
          asked.add(r);
          for (int i = 0; i < out.length; i++) {
            out[i] = r * 10_000 + i;
          }
        }).write(dir.resolve("big.gguf"));
    assertThat(asked).containsExactlyElementsOf(Stream.iterate(0L, r -> r + 1).limit(rows).toList());
    GgufFile f = GgufFile.read(dir.resolve("big.gguf"));
    float[] last = f.dequantizeRows(f.tensor("big").orElseThrow(), rows - 1, 1);
    assertThat(last[0]).isEqualTo(199 * 10_000f);
    assertThat(last[4095]).isEqualTo(199 * 10_000f + 4095);
  }

  /** The target appears only once complete: a failed write leaves the old file and no temporary file behind. */
  @Test
  void replacesTheFileAtomically() throws Exception {
    Path file = dir.resolve("m.gguf");
    Files.writeString(file, "old");
    GgufWriter failing = new GgufWriter().addTensor("t", TensorType.Q8_0, new long[] {32, 100}, (r, out) -> {
      if (r == 50) {
        throw new IllegalStateException("generator failed");
      }
    });
    assertThatThrownBy(() -> failing.write(file)).hasMessage("generator failed");
    assertThat(Files.readString(file)).isEqualTo("old");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s).containsExactly(file);
    }
    new GgufWriter().addTensor("t", TensorType.Q8_0, new long[] {32, 100}, (r, out) -> { }).write(file);
    assertThat(GgufFile.read(file).tensors()).hasSize(1);
    Path fresh = dir.resolve("fresh.gguf");
    Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
    new GgufWriter().write(fresh);
    // the temporary file's owner-only permissions must not carry over: the file gets what any new file gets
    assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(Files.getPosixFilePermissions(plain));
    Files.delete(fresh);
    Files.delete(plain);
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s).containsExactly(file);
    }
  }

  /** The writer refuses what llama.cpp would refuse to load, before writing anything. */
  @Test
  void refusesInvalidDeclarations() {
    GgufWriter w = new GgufWriter().addTensor("t", TensorType.F32, new long[] {4}, new float[4]);
    assertThatThrownBy(() -> w.addTensor("t", TensorType.F32, new long[] {4}, new float[4]))
        .hasMessageContaining("added twice");
    assertThatThrownBy(() -> w.addTensor("x".repeat(64), TensorType.F32, new long[] {4}, new float[4]))
        .hasMessageContaining("63");
    assertThatThrownBy(() -> w.addTensor("k", TensorType.Q4_K, new long[] {128, 2}, (r, out) -> { }))
        .hasMessageContaining("block size 256");
    assertThatThrownBy(() -> w.addTensor("d", TensorType.F32, new long[] {1, 1, 1, 1, 1}, (r, out) -> { }))
        .hasMessageContaining("expected 1..4");
    assertThatThrownBy(() -> w.addTensor("i", TensorType.INT8, new long[] {4}, (r, out) -> { }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.put("general.alignment", GgufValue.u32(48))).hasMessageContaining("power of two");
    assertThatThrownBy(() -> w.put("general.alignment", GgufValue.u64(64))).hasMessageContaining("u32");
    assertThatThrownBy(() -> w.put("", GgufValue.u32(1))).hasMessageContaining("empty");
    assertThatThrownBy(() -> GgufValue.u8(256)).hasMessageContaining("out of range");
  }

  /** Typed getters insist on the stored type and name the key when it is missing or different. */
  @Test
  void typedGettersNameKeyAndTypes() throws Exception {
    Path file = writeAll(dir.resolve("typed.gguf"), allKinds());
    GgufFile f = GgufFile.read(file);
    assertThatThrownBy(() -> f.getU32("t.u64")).isInstanceOf(BadInputException.class)
        .hasMessage(file + ": metadata 't.u64': is of type u64, expected u32");
    assertThatThrownBy(() -> f.getF32("llama.context_length")).isInstanceOf(BadInputException.class)
        .hasMessage(file + ": metadata 'llama.context_length': missing, expected a value of type f32");
    assertThatThrownBy(() -> f.getStrings("tokenizer.ggml.scores")).isInstanceOf(BadInputException.class)
        .hasMessageContaining("array of f32, expected an array of string");
    assertThatThrownBy(() -> f.readTensorBytes(f.tensor("blk.0.attn_q.weight").orElseThrow(), 100))
        .isInstanceOf(BadInputException.class).hasMessageContaining("expected at most 100");
  }

  /** The histogram counts tensors, elements and bytes per storage type. */
  @Test
  void histogramSumsPerType() throws Exception {
    GgufFile f = GgufFile.read(writeAll(dir.resolve("h.gguf"), allKinds()));
    Map<GgmlType, TypeTotals> h = f.typeHistogram();
    assertThat(h.get(GgmlType.F32)).isEqualTo(new TypeTotals(2, 5 + 6, 4 * 11));
    assertThat(h.get(GgmlType.Q4_K)).isEqualTo(new TypeTotals(1, 1024, 4 * 144));
    assertThat(h.get(GgmlType.Q6_K).bytesPerElement()).isEqualTo(210 / 256.0);
    assertThat(h.values().stream().mapToLong(TypeTotals::bytes).sum())
        .isEqualTo(f.tensors().stream().mapToLong(TensorInfo::byteSize).sum());
  }
}
