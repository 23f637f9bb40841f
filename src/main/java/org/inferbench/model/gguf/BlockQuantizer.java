package org.inferbench.model.gguf;

import java.util.Objects;
import org.inferbench.core.TensorType;

/** Walks rows block by block; a subclass encodes and decodes one block at given offsets. */
abstract class BlockQuantizer implements Quantizer {
  private final TensorType type;

  BlockQuantizer(TensorType type) {
    this.type = type;
  }

  @Override
  public final TensorType type() {
    return type;
  }

  /** Encodes {@code type().blockSize()} values from {@code x[xo]} into {@code y[yo]}. */
  abstract void quantizeBlock(float[] x, int xo, byte[] y, int yo);

  /** Decodes one block from {@code y[yo]} into {@code x[xo]}. */
  abstract void dequantizeBlock(byte[] y, int yo, float[] x, int xo);

  @Override
  public final void quantize(float[] src, int srcOff, int n, byte[] dst, int dstOff) {
    int blocks = blocks(n);
    Objects.checkFromIndexSize(srcOff, n, src.length);
    Objects.checkFromIndexSize(dstOff, blocks * type.blockBytes(), dst.length);
    for (int i = 0; i < blocks; i++) {
      quantizeBlock(src, srcOff + i * type.blockSize(), dst, dstOff + i * type.blockBytes());
    }
  }

  @Override
  public final void dequantize(byte[] src, int srcOff, int n, float[] dst, int dstOff) {
    int blocks = blocks(n);
    Objects.checkFromIndexSize(srcOff, blocks * type.blockBytes(), src.length);
    Objects.checkFromIndexSize(dstOff, n, dst.length);
    for (int i = 0; i < blocks; i++) {
      dequantizeBlock(src, srcOff + i * type.blockBytes(), dst, dstOff + i * type.blockSize());
    }
  }

  private int blocks(int n) {
    if (n < 0 || n % type.blockSize() != 0) {
      throw new IllegalArgumentException(type.label() + ": " + n + " values is not a whole number of "
          + type.blockSize() + "-value blocks");
    }
    return n / type.blockSize();
  }

  /** Rejects NaN and infinities, which would turn a block's shared scale into NaN. */
  final void requireFinite(float[] x, int xo, int n) {
    for (int i = xo; i < xo + n; i++) {
      if (!Float.isFinite(x[i])) {
        throw new IllegalArgumentException(type.label() + ": value " + x[i] + " at index " + i + " is not finite");
      }
    }
  }

  /** Stores the scale {@code d} as fp16, refusing one past fp16's range (it would decode as infinity). */
  final void putScale(byte[] y, int off, float d) {
    short h = Float.floatToFloat16(d);
    if (!Float.isFinite(Float.float16ToFloat(h))) {
      throw new IllegalArgumentException(type.label() + ": values too large for an fp16 block scale (scale " + d
          + ")");
    }
    Le.put16(y, off, h);
  }

  /** The largest magnitude over n values (the scale of quantize_row_q8_0_ref and quantize_row_mxfp4_ref). */
  static float absMax(float[] x, int xo, int n) {
    float amax = 0;
    for (int j = 0; j < n; j++) amax = Math.max(amax, Math.abs(x[xo + j]));
    return amax;
  }

  /**
   * The value of largest magnitude, with its sign (the first one on a tie), over which the legacy 4- and 5-bit types
   * set their scale (quantize_row_q4_0_ref, quantize_row_q5_0_ref).
   */
  static float largestMagnitude(float[] x, int xo, int n) {
    float amax = 0;
    float max = 0;
    for (int j = 0; j < n; j++) {
      float v = x[xo + j];
      if (amax < Math.abs(v)) {
        amax = Math.abs(v);
        max = v;
      }
    }
    return max;
  }

  /** C's roundf: halves away from zero (ggml-quants.c quantize_row_q8_0_ref). */
  static int roundHalfAway(float v) {
    return (int) Math.copySign(Math.floor(Math.abs((double) v) + 0.5), v);
  }

  /**
   * ggml-quants.c nearest_int, by the same float trick: adding 1.5 * 2^23 leaves the value rounded to an integer
   * (halves to even) in the low mantissa bits. Exact for |v| < 2^22, which is all the quantizers ask of it, and
   * cheaper than Math.rint in the K-quants' search loops.
   */
  static int nearestInt(float v) {
    return (Float.floatToRawIntBits(v + 12582912f) & 0x007F_FFFF) - 0x0040_0000;
  }

  static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
