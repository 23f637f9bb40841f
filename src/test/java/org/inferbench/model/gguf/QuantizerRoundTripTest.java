package org.inferbench.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.inferbench.core.TensorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Quantize then dequantize stays within each format's rounding bound, derived per block from the block's own decoded
 * scales: half a step inside the representable range, and for values beyond it (Q4_0 and Q5_0 clip one side, and
 * the K-quants' scale searches may trade a clipped value for a finer step, as llama.cpp's reference does) the distance
 * to the nearest representable end.
 */
final class QuantizerRoundTripTest {
  private static final int N = 4096;
  private static final double SLACK = 1.2;

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (TensorType t : List.of(TensorType.Q8_0, TensorType.Q4_0, TensorType.Q4_1, TensorType.Q5_0, TensorType.Q5_1,
        TensorType.Q4_K, TensorType.Q5_K, TensorType.Q6_K, TensorType.F16, TensorType.BF16, TensorType.F32)) {
      for (long seed = 1; seed <= 3; seed++) {
        out.add(Arguments.of(t, "normal", Rows.normal(seed, N, 0.02)));
        out.add(Arguments.of(t, "uniform", Rows.uniform(seed, N, -1, 1)));
        out.add(Arguments.of(t, "uniform-positive", Rows.uniform(seed, N, 0.5, 1.5)));
        out.add(Arguments.of(t, "awkward", Rows.awkward(seed, N)));
      }
    }
    return out.stream();
  }

  /** Every value decodes within 1.2 x its format's per-block rounding bound. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void errorWithinTheBlockRoundingBound(TensorType type, String kind, float[] x) {
    Quantizer q = Quantizer.forType(type);
    byte[] bytes = q.quantize(x);
    assertThat(bytes).hasSize((int) type.bytes(N));
    float[] y = q.dequantize(bytes);
    double[] bound = bounds(type, bytes, x);
    for (int i = 0; i < N; i++) {
      double err = Math.abs((double) y[i] - x[i]);
      assertThat(err).as("%s %s value %d: x=%s y=%s", type, kind, i, x[i], y[i]).isLessThanOrEqualTo(SLACK * bound[i]);
    }
  }

  /** The scales come from the data: the error is small relative to the values' spread, and not exactly zero. */
  @Test
  void quantizationIsRealAndTight() {
    float[] x = Rows.normal(7, N, 1.0);
    // RMS error over the data's standard deviation, ceilings a little above what these formats reach on normal data
    assertThat(relativeRmse(TensorType.Q8_0, x)).isBetween(1e-4, 0.01);
    assertThat(relativeRmse(TensorType.Q6_K, x)).isBetween(1e-4, 0.03);
    assertThat(relativeRmse(TensorType.Q5_K, x)).isBetween(1e-3, 0.06);
    assertThat(relativeRmse(TensorType.Q5_0, x)).isBetween(1e-3, 0.06);
    assertThat(relativeRmse(TensorType.Q5_1, x)).isBetween(1e-3, 0.06);
    assertThat(relativeRmse(TensorType.Q4_K, x)).isBetween(1e-3, 0.12);
    assertThat(relativeRmse(TensorType.Q4_0, x)).isBetween(1e-3, 0.12);
    assertThat(relativeRmse(TensorType.Q4_1, x)).isBetween(1e-3, 0.12);
    assertThat(relativeRmse(TensorType.F16, x)).isBetween(1e-6, 1e-3);
  }

  /** Q8_0 and Q4_0 reproduce llama.cpp's reference quantizers exactly: d = amax / 127, and d = max / -8. */
  @Test
  void legacyScalesAreTheReferenceOnes() {
    float[] x = new float[32];
    for (int i = 0; i < 32; i++) {
      x[i] = (i - 10) * 0.125f;  // largest magnitude: +2.625 at i = 31
    }
    byte[] q8 = Quantizer.forType(TensorType.Q8_0).quantize(x);
    assertThat(Le.half(q8, 0)).isEqualTo(Float.float16ToFloat(Float.floatToFloat16(2.625f / 127)));
    assertThat(q8[2 + 31]).isEqualTo((byte) 127);
    assertThat(q8[2 + 10]).isEqualTo((byte) 0);
    byte[] q4 = Quantizer.forType(TensorType.Q4_0).quantize(x);
    assertThat(Le.half(q4, 0)).isEqualTo(2.625f / -8);
    // value 31 (the largest) is the high nibble of byte 15 and maps to level 0;
    // value 0 (-1.25) to trunc(-1.25 / -0.328125 + 8.5) = trunc(12.31) = 12, the low nibble of byte 0
    assertThat((q4[2 + 15] & 0xFF) >>> 4).isEqualTo(0);
    assertThat(q4[2] & 0x0F).isEqualTo(12);
  }

  /**
   * Q4_1 and Q5_1 take the block's min as the reference's plain comparisons do: of 0.0 and a later -0.0 the first
   * stays, so the stored fp16 min is +0 (its sign bit is a byte llama-quantize would not write).
   */
  @Test
  void aZeroMinKeepsTheSignOfTheFirstZero() {
    float[] x = new float[32];
    for (int i = 0; i < 32; i++) x[i] = i % 2 == 0 ? 0.0f : -0.0f;
    x[5] = 1;
    assertThat(Le.u16(Quantizer.forType(TensorType.Q4_1).quantize(x), 2)).isEqualTo(0);
    assertThat(Le.u16(Quantizer.forType(TensorType.Q5_1).quantize(x), 2)).isEqualTo(0);
    x[0] = -0.0f;
    assertThat(Le.u16(Quantizer.forType(TensorType.Q4_1).quantize(x), 2)).isEqualTo(0x8000);
  }

  /** A value that no fp16 scale can hold, or a NaN, is refused rather than written as a broken block. */
  @Test
  void unencodableValuesAreRefused() {
    float[] x = new float[256];
    x[3] = Float.NaN;
    for (TensorType t : List.of(TensorType.Q8_0, TensorType.Q4_0, TensorType.Q4_K, TensorType.Q6_K)) {
      assertThatThrownBy(() -> Quantizer.forType(t).quantize(x)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not finite");
    }
    float[] big = new float[256];
    big[0] = 1e12f;
    for (TensorType t : List.of(TensorType.Q8_0, TensorType.Q4_0, TensorType.Q4_K, TensorType.Q5_K, TensorType.Q6_K)) {
      assertThatThrownBy(() -> Quantizer.forType(t).quantize(big)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("fp16");
    }
    assertThatThrownBy(() -> Quantizer.forType(TensorType.Q4_K).quantize(new float[100]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256");
    assertThatThrownBy(() -> Quantizer.forType(TensorType.INT8)).isInstanceOf(IllegalArgumentException.class);
  }

  private static double relativeRmse(TensorType t, float[] x) {
    Quantizer q = Quantizer.forType(t);
    float[] y = q.dequantize(q.quantize(x));
    double se = 0;
    double ss = 0;
    for (int i = 0; i < x.length; i++) {
      se += (y[i] - x[i]) * (double) (y[i] - x[i]);
      ss += x[i] * (double) x[i];
    }
    return Math.sqrt(se / ss);
  }

  /** Per value: the rounding bound of its block (and the clip distance where the format cannot reach the value). */
  private static double[] bounds(TensorType type, byte[] b, float[] x) {
    double[] out = new double[x.length];
    int bs = type.blockSize();
    for (int blk = 0; blk < x.length / bs; blk++) {
      int o = blk * type.blockBytes();
      for (int k = 0; k < bs; k++) {
        int i = blk * bs + k;
        out[i] = switch (type) {
          case F32 -> 0;
          case F16 -> Math.abs(Float.float16ToFloat(Float.floatToFloat16(x[i])) - (double) x[i]);
          case BF16 -> Math.ulp(x[i]) * 65536.0 / 2;
          case Q8_0 -> affine(x[i], Le.half(b, o), 0, -128, 127);
          case Q4_0 -> affine(x[i], Le.half(b, o), 0, -8, 7);
          case Q5_0 -> affine(x[i], Le.half(b, o), 0, -16, 15);
          case Q4_1 -> affine(x[i], Le.half(b, o), Le.half(b, o + 2), 0, 15);
          case Q5_1 -> affine(x[i], Le.half(b, o), Le.half(b, o + 2), 0, 31);
          // K-quants: the sub-block's own decoded step and range; llama.cpp's scale search may clip a few values
          case Q4_K -> affine(x[i], Le.half(b, o) * KScales.scale(b, o + 4, k / 32),
              -Le.half(b, o + 2) * KScales.min(b, o + 4, k / 32), 0, 15);
          case Q5_K -> affine(x[i], Le.half(b, o) * KScales.scale(b, o + 4, k / 32),
              -Le.half(b, o + 2) * KScales.min(b, o + 4, k / 32), 0, 31);
          case Q6_K -> affine(x[i], Le.half(b, o + 208) * b[o + 192 + k / 16], 0, -32, 31);
          default -> throw new AssertionError(type);
        };
      }
    }
    return out;
  }

  /** Levels lo..hi decode to d * level + m: half a step inside that range, the distance to its end outside. */
  private static double affine(double x, double d, double m, int lo, int hi) {
    double a = Math.min(d * lo, d * hi) + m;
    double z = Math.max(d * lo, d * hi) + m;
    double clip = x < a ? a - x : x > z ? x - z : 0;
    return Math.max(Math.abs(d) / 2, clip);
  }
}
