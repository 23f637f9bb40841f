package org.inferbench.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.inferbench.core.BadInputException;
import org.inferbench.core.TensorType;
import org.inferbench.testing.InPlace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeded random damage to a valid file never gets past the reader as anything but a one-line BadInputException. */
final class GgufFuzzTest {
  private static final int MAX_CASES = 20_000;
  private static final long BUDGET_NANOS = Duration.ofSeconds(10).toNanos();
  private static final long[] HUGE = {-1L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 62, 1L << 40, 1L << 32,
      0xFFFF_FFFFL, 1L << 31, 1L << 24, 65_536, 4096, 257, 64, 5, 0};

  @TempDir
  Path dir;

  /** Every mutated file either parses (and its tensors then decode) or is refused with one line; no hang, no OOM. */
  @Test
  void mutatedFilesParseOrAreRefusedWithOneLine() throws Exception {
    Path validFile = dir.resolve("valid.gguf");
    List<String> names = writeValid(validFile);
    byte[] valid = Files.readAllBytes(validFile);
    int header = (int) GgufFile.read(validFile).dataOffset();
    List<Integer> lengthFields = lengthFieldOffsets(valid, names);
    Path file = dir.resolve("fuzz.gguf");

    int[] counts = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      Random seeds = new Random(20_261_101L);
      int cases = 0;
      int parsed = 0;
      long start = System.nanoTime();
      while (cases < MAX_CASES && System.nanoTime() - start < BUDGET_NANOS) {
        long seed = seeds.nextLong();
        byte[] bytes = mutate(valid, header, lengthFields, new Random(seed));
        InPlace.overwrite(file, bytes);
        try {
          exercise(GgufFile.read(file));
          parsed++;
        } catch (BadInputException e) {
          assertThat(e.getMessage()).as("case %d (seed %d)", cases, seed).startsWith(file + ": ")
              .doesNotContain("\n", "\r");
        } catch (Throwable t) {
          fail("case " + cases + " (seed " + seed + "): " + t, t);
        }
        cases++;
      }
      return new int[] {cases, parsed};
    });
    assertThat(counts[0]).as("cases run").isGreaterThanOrEqualTo(2000);
    assertThat(counts[1]).as("cases that still parsed").isPositive().isLessThan(counts[0]);
  }

  /** What a caller does with a parsed file: none of it may throw anything but BadInputException. */
  private static void exercise(GgufFile f) throws BadInputException {
    f.typeHistogram();
    f.fileType();
    for (GgufValue v : f.metadata().values()) {
      if (v instanceof GgufValue.Array a) {
        a.items().forEach(GgufValue::type);
      }
    }
    for (TensorInfo t : f.tensors()) {
      if (t.elements() <= 1 << 16 && t.tensorType().flatMap(Quantizer::find).isPresent()) {
        f.dequantize(t, 1 << 16);
      }
    }
  }

  private static List<String> writeValid(Path file) throws Exception {
    GgufWriter w = new GgufWriter()
        .put("general.architecture", GgufValue.string("llama"))
        .put("general.file_type", GgufValue.u32(15))
        .put("llama.block_count", GgufValue.u32(1))
        .put("llama.attention.layer_norm_rms_epsilon", GgufValue.f32(1e-5f))
        .put("t.flag", GgufValue.bool(true))
        .put("t.i64", GgufValue.i64(-7))
        .put("t.f64", GgufValue.f64(0.5))
        .put("tokenizer.ggml.tokens", GgufValue.strings(List.of("<s>", "</s>", "a", "bc")))
        .put("tokenizer.ggml.scores", GgufValue.f32s(0, -1, -2, -3))
        .put("tokenizer.ggml.token_type", GgufValue.i32s(3, 3, 1, 1))
        .put("t.nested", GgufValue.array(GgufValueType.ARRAY, List.of(GgufValue.i32s(1, 2),
            GgufValue.strings(List.of("x")))))
        .put("t.bools", GgufValue.array(GgufValueType.BOOL, List.of(GgufValue.bool(true), GgufValue.bool(false))))
        .addTensor("token_embd.weight", TensorType.Q8_0, new long[] {32, 2}, Rows.normal(1, 64, 1))
        .addTensor("blk.0.attn_q.weight", TensorType.Q4_K, new long[] {256, 1}, Rows.normal(2, 256, 1))
        .addTensor("blk.0.attn_v.weight", TensorType.Q6_K, new long[] {256}, Rows.normal(3, 256, 1))
        .addTensor("blk.0.attn_norm.weight", TensorType.F16, new long[] {4}, new float[] {1, 2, 3, 4})
        .addTensor("output_norm.weight", TensorType.F32, new long[] {3, 2}, new float[] {1, 2, 3, 4, 5, 6});
    w.write(file);
    return List.of("general.architecture", "general.file_type", "tokenizer.ggml.tokens", "t.nested", "<s>", "bc",
        "token_embd.weight", "blk.0.attn_q.weight", "output_norm.weight");
  }

  /** Offsets of u64 length fields: the 8 bytes before each known key, string and tensor name. */
  private static List<Integer> lengthFieldOffsets(byte[] file, List<String> names) {
    List<Integer> out = new ArrayList<>(List.of(8, 16));
    for (String n : names) {
      byte[] b = n.getBytes(StandardCharsets.UTF_8);
      for (int i = 8; i + b.length <= file.length; i++) {
        if (Arrays.equals(file, i, i + b.length, b, 0, b.length)) {
          out.add(i - 8);
        }
      }
    }
    return out;
  }

  private static byte[] mutate(byte[] valid, int header, List<Integer> lengthFields, Random r) {
    byte[] b = valid.clone();
    int rounds = 1 + (r.nextInt(4) == 0 ? r.nextInt(3) : 0);
    for (int k = 0; k < rounds; k++) {
      int at = r.nextInt(5) == 0 ? r.nextInt(b.length) : r.nextInt(Math.min(header, b.length));
      switch (r.nextInt(8)) {
        case 0 -> { // a few bit flips
          for (int i = 0, n = 1 + r.nextInt(8); i < n; i++) {
            int p = r.nextInt(b.length);
            b[p] ^= (byte) (1 << r.nextInt(8));
          }
        }
        case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length)); // truncation
        case 2 -> put64(b, at, HUGE[r.nextInt(HUGE.length)]); // a length or count set huge
        case 3 -> put64(b, lengthFields.get(r.nextInt(lengthFields.size())), HUGE[r.nextInt(HUGE.length)]);
        case 4 -> put32(b, at, (int) HUGE[r.nextInt(HUGE.length)]); // a type id, n_dims or u32 value
        case 5 -> { // random bytes over a stretch
          for (int i = at, end = Math.min(b.length, at + 1 + r.nextInt(16)); i < end; i++) {
            b[i] = (byte) r.nextInt(256);
          }
        }
        case 6 -> { // bytes inserted: everything after shifts
          byte[] extra = new byte[1 + r.nextInt(8)];
          r.nextBytes(extra);
          byte[] c = new byte[b.length + extra.length];
          System.arraycopy(b, 0, c, 0, at);
          System.arraycopy(extra, 0, c, at, extra.length);
          System.arraycopy(b, at, c, at + extra.length, b.length - at);
          b = c;
        }
        default -> { // bytes deleted
          int n = Math.min(b.length - at, 1 + r.nextInt(8));
          byte[] c = new byte[b.length - n];
          System.arraycopy(b, 0, c, 0, at);
          System.arraycopy(b, at + n, c, at, b.length - at - n);
          b = c;
        }
      }
      if (b.length == 0) {
        break;
      }
    }
    return b;
  }

  private static void put64(byte[] b, int at, long v) {
    for (int i = 0; i < 8 && at + i < b.length; i++) {
      b[at + i] = (byte) (v >>> (8 * i));
    }
  }

  private static void put32(byte[] b, int at, int v) {
    for (int i = 0; i < 4 && at + i < b.length; i++) {
      b[at + i] = (byte) (v >>> (8 * i));
    }
  }
}
