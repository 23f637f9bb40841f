package org.inferbench.model.gguf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.inferbench.core.BadInputException;
import org.inferbench.core.TensorType;
import org.inferbench.testing.InPlace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of {@link GgufFile#read} with Jazzer: for any bytes the reader either parses them or
 * throws a {@link BadInputException} whose message is one line and names the file; nothing else escapes, not from
 * the read nor from what a caller then does with a parsed file (getters, type histogram, file type, dequantizing a
 * bounded slice of every tensor). Jazzer reports any other exception, and a hang or OutOfMemoryError, as a finding.
 *
 * <p>The ordinary test run leaves this class out (surefire's default execution excludes Jazzer's tag "jazzer");
 * surefire's gguf-fuzz execution runs it alone in its own JVM with JAZZER_FUZZ=1, i.e. in fuzzing mode, for the
 * maxDuration below. The seeds are valid files from {@link GgufWriter} (and one hand-built v2 file), all small but
 * one that crosses the reader's 64 KB buffer. An input Jazzer found crashing belongs in
 * src/test/resources/org/inferbench/model/gguf/GgufReaderFuzzTestInputs/readAnyBytes/ as a regression seed once
 * fixed: every run starts from the files there. {@code scripts/fuzz-gguf.sh DURATION} fuzzes longer.
 */
class GgufReaderFuzzTest {
  /** At most this many values are dequantized (and bytes read) from one tensor per call. */
  private static final int MAX_ELEMENTS = 1 << 12;

  private static final AtomicLong INPUTS = new AtomicLong();
  private static final AtomicLong PARSED = new AtomicLong();
  private static volatile Throwable failure;
  private static volatile long firstNanos;
  private static volatile long lastNanos;
  private static Path dir;
  /** The one file each input is written to; its name states a file type, so fileType() reads the name too. */
  private static Path file;

  @BeforeAll
  static void createFile() throws IOException {
    dir = Files.createTempDirectory("gguf-fuzz");
    file = dir.resolve("fuzz-Q4_K_M.gguf");
  }

  /**
   * The run's figures, one line in the test output: inputs tried (the seeds, then libFuzzer's runs) from the first to
   * the last, and how many of them parsed.
   */
  @AfterAll
  static void report() throws IOException {
    System.out.printf(Locale.ROOT, "GGUF reader fuzzing: %d inputs in %.1f s (%d parsed, the rest refused), %s%n",
        INPUTS.get(), (lastNanos - firstNanos) / 1e9, PARSED.get(),
        failure == null ? "no failure" : "FAILURE: " + Messages.oneLine(failure.toString()));
    Files.deleteIfExists(file);
    Files.deleteIfExists(dir);
  }

  @MethodSource("seeds")
  @FuzzTest(maxDuration = "30s")
  void readAnyBytes(byte[] bytes) throws IOException {
    long now = System.nanoTime();
    if (INPUTS.getAndIncrement() == 0) {
      firstNanos = now;
    }
    lastNanos = now;
    try {
      InPlace.overwrite(file, bytes);
      GgufFile f;
      try {
        f = GgufFile.read(file);
      } catch (BadInputException e) {
        checkMessage(e);
        return;
      }
      PARSED.incrementAndGet();
      exercise(f);
    } catch (Throwable t) {
      failure = t;
      throw t;
    }
  }

  /** What a caller may do with a parsed file: any of it may be refused with a BadInputException, nothing else. */
  private static void exercise(GgufFile f) {
    f.version();
    f.alignment();
    f.dataOffset();
    f.fileSize();
    f.path();
    f.toString();
    f.fileType();
    for (TypeTotals totals : f.typeHistogram().values()) {
      totals.bytesPerElement();
    }
    refusedAtMost(f::architecture);
    refusedAtMost(() -> f.getString("no.such.key"));
    for (Map.Entry<String, GgufValue> e : f.metadata().entrySet()) {
      String key = e.getKey();
      f.get(key).orElseThrow();
      refusedAtMost(() -> f.getString(key));
      refusedAtMost(() -> f.getU32(key));
      refusedAtMost(() -> f.getI32(key));
      refusedAtMost(() -> f.getU64(key));
      refusedAtMost(() -> f.getI64(key));
      refusedAtMost(() -> f.getF32(key));
      refusedAtMost(() -> f.getF64(key));
      refusedAtMost(() -> f.getBool(key));
      refusedAtMost(() -> f.getArray(key));
      refusedAtMost(() -> f.getStrings(key));
      visit(e.getValue());
    }
    for (TensorInfo t : f.tensors()) {
      f.tensor(t.name()).orElseThrow();
      t.toString();
      t.hashCode();
      t.dims();
      t.tensorType();
      long rows = t.rows();
      long rowLength = t.rowLength();
      t.rowBytes();
      refusedAtMost(() -> f.readTensorBytes(t, MAX_ELEMENTS));
      refusedAtMost(() -> f.dequantize(t, MAX_ELEMENTS));
      if (rows > 0 && rowLength <= MAX_ELEMENTS) {
        int n = (int) Math.min(rows, MAX_ELEMENTS / Math.max(1, rowLength));
        refusedAtMost(() -> f.dequantizeRows(t, 0, n));
        refusedAtMost(() -> f.dequantizeRows(t, rows - 1, 1));
        refusedAtMost(() -> f.dequantizeRows(t, rows, 0));
      }
    }
  }

  /** Every accessor that fits the value's type; nested arrays recursively. */
  private static void visit(GgufValue v) {
    v.type();
    v.toString();
    v.hashCode();
    if (v instanceof GgufValue.Array a) {
      GgufValueType elem = a.elementType();
      for (GgufValue item : a.items()) {
        visit(item);
      }
      if (elem == GgufValueType.STRING) {
        a.strings();
      } else if (elem == GgufValueType.ARRAY) {
        a.items().size();
      } else {
        a.rawBytes();
        if (elem.isInteger()) {
          a.longs();
        } else if (elem == GgufValueType.FLOAT32) {
          a.floats();
        }
      }
    }
  }

  @FunctionalInterface
  private interface Call {
    void run() throws BadInputException;
  }

  private static void refusedAtMost(Call call) {
    try {
      call.run();
    } catch (BadInputException e) {
      checkMessage(e);
    }
  }

  /** The contract of a refusal: one line, starting with the file's path. */
  private static void checkMessage(BadInputException e) {
    String m = e.getMessage();
    if (m == null || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0 || !m.startsWith(file + ": ")) {
      throw new AssertionError("not a one-line message naming the file: " + m, e);
    }
  }

  /**
   * Valid files that together use every value type and every dequantizable tensor type: four small ones (under 2.2 KB)
   * and one whose header is larger than the reader's buffer.
   */
  static Stream<byte[]> seeds() throws Exception {
    List<GgufWriter> writers = new ArrayList<>();
    writers.add(new GgufWriter()); // header only
    writers.add(new GgufWriter()
        .put("general.architecture", GgufValue.string("llama"))
        .put("general.name", GgufValue.string("fuzz seed"))
        .put("general.file_type", GgufValue.u32(15))
        .put("llama.block_count", GgufValue.u32(1))
        .put("llama.context_length", GgufValue.u32(64))
        .put("llama.attention.layer_norm_rms_epsilon", GgufValue.f32(1e-5f))
        .put("tokenizer.ggml.model", GgufValue.string("llama"))
        .put("tokenizer.ggml.tokens", GgufValue.strings(List.of("<unk>", "<s>", "</s>", "a", "bc", "<0x0A>")))
        .put("tokenizer.ggml.scores", GgufValue.f32s(0, 0, 0, -1, -2, -3))
        .put("tokenizer.ggml.token_type", GgufValue.i32s(2, 3, 3, 1, 1, 6))
        .put("tokenizer.ggml.bos_token_id", GgufValue.u32(1))
        .addTensor("token_embd.weight", TensorType.Q8_0, new long[] {32, 2}, Rows.normal(1, 64, 1))
        .addTensor("blk.0.attn_q.weight", TensorType.Q4_K, new long[] {256}, Rows.normal(2, 256, 1))
        .addTensor("blk.0.attn_k.weight", TensorType.Q5_K, new long[] {256}, Rows.normal(3, 256, 1))
        .addTensor("blk.0.attn_v.weight", TensorType.Q6_K, new long[] {256}, Rows.normal(4, 256, 1))
        .addTensor("blk.0.ffn_up.weight", TensorType.Q4_0, new long[] {32}, Rows.normal(5, 32, 1))
        .addTensor("blk.0.ffn_gate.weight", TensorType.Q4_1, new long[] {32}, Rows.normal(6, 32, 1))
        .addTensor("blk.0.ffn_down.weight", TensorType.Q5_0, new long[] {32}, Rows.normal(7, 32, 1))
        .addTensor("blk.0.attn_output.weight", TensorType.Q5_1, new long[] {32}, Rows.normal(8, 32, 1))
        .addTensor("blk.0.attn_norm.weight", TensorType.F16, new long[] {4}, new float[] {1, 2, 3, 4})
        .addTensor("rope_freqs.weight", TensorType.BF16, new long[] {2}, new float[] {1, 0.5f})
        .addTensor("output_norm.weight", TensorType.F32, new long[] {2, 1, 1, 2}, new float[] {1, 2, 3, 4}));
    writers.add(new GgufWriter()
        .put("general.architecture", GgufValue.string("gpt2"))
        .put("general.alignment", GgufValue.u32(64))
        .put("t.u8", GgufValue.u8(255))
        .put("t.i8", GgufValue.i8(-128))
        .put("t.u16", GgufValue.u16(65535))
        .put("t.i16", GgufValue.i16(-32768))
        .put("t.i32", GgufValue.i32(-1))
        .put("t.bool", GgufValue.bool(true))
        .put("t.u64", GgufValue.u64(-1L))
        .put("t.i64", GgufValue.i64(Long.MIN_VALUE))
        .put("t.f64", GgufValue.f64(0.5))
        .put("t.u8s", GgufValue.array(GgufValueType.UINT8, List.of(GgufValue.u8(0), GgufValue.u8(200))))
        .put("t.bools", GgufValue.array(GgufValueType.BOOL, List.of(GgufValue.bool(false), GgufValue.bool(true))))
        .put("t.u64s", GgufValue.array(GgufValueType.UINT64, List.of(GgufValue.u64(1L << 63))))
        .put("t.f64s", GgufValue.array(GgufValueType.FLOAT64, List.of()))
        .put("t.nested", GgufValue.array(GgufValueType.ARRAY, List.of(GgufValue.i32s(1, 2),
            GgufValue.strings(List.of("x")), GgufValue.array(GgufValueType.ARRAY, List.of(GgufValue.f32s(7f))))))
        .put("tokenizer.ggml.merges", GgufValue.strings(List.of("a b", "ab c")))
        .addTensor("wte", TensorType.F16, new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
    writers.add(overTheReadBuffer());

    Path tmp = Files.createTempDirectory("gguf-fuzz-seeds");
    try {
      List<byte[]> seeds = new ArrayList<>();
      for (int i = 0; i < writers.size(); i++) {
        Path p = tmp.resolve("seed" + i + ".gguf");
        writers.get(i).write(p);
        seeds.add(Files.readAllBytes(p));
      }
      seeds.add(v2WithTypesNotDequantizedHere());
      for (byte[] seed : seeds) {
        Path p = tmp.resolve("check.gguf");
        Files.write(p, seed);
        GgufFile.read(p); // a seed must parse, or it seeds nothing past the first refusal
      }
      return seeds.stream();
    } finally {
      try (Stream<Path> s = Files.list(tmp)) {
        for (Path p : s.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(tmp);
    }
  }

  /**
   * A header of about 150 KB, past the reader's 64 KB read buffer: a vocabulary whose strings straddle the buffer's
   * end, then a byte array longer than the buffer (read around it) and a value after it. Inputs grown from the small
   * seeds stay near 4 KB, so without this one the fuzzer never refills the buffer.
   */
  private static GgufWriter overTheReadBuffer() {
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      tokens.add("tok" + i + "_" + "x".repeat(i % 23));
    }
    byte[] big = new byte[70_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i % 251);
    }
    return new GgufWriter()
        .put("general.architecture", GgufValue.string("llama"))
        .put("tokenizer.ggml.tokens", GgufValue.strings(tokens))
        .put("t.big", GgufValue.Array.ofRaw(GgufValueType.UINT8, big))
        .put("t.after", GgufValue.u32(7))
        .addTensor("output_norm.weight", TensorType.F32, new long[] {4}, new float[] {1, 2, 3, 4});
  }

  /** A v2 file whose tensors are of types this reader parses but has no quantizer for (Q8_1, IQ4_NL). */
  private static byte[] v2WithTypesNotDequantizedHere() {
    GgufBytes b = GgufBytes.header(2, 2, 1)
        .kvString("general.architecture", "llama")
        .tensor("a", new long[] {32}, GgmlType.Q8_1.id(), 0)
        .tensor("b", new long[] {32, 1}, GgmlType.IQ4_NL.id(), 64)
        .pad(32);
    return b.zeros(64 + 18).bytes();
  }
}
