package org.inferbench.model.gguf;

import org.inferbench.core.TensorType;

/** The unblocked float types: one value per "block", stored little-endian (ggml.c type traits F32, F16, BF16). */
final class PlainQuantizer extends BlockQuantizer {
  static final PlainQuantizer F32 = new PlainQuantizer(TensorType.F32);
  static final PlainQuantizer F16 = new PlainQuantizer(TensorType.F16);
  static final PlainQuantizer BF16 = new PlainQuantizer(TensorType.BF16);

  private PlainQuantizer(TensorType type) {
    super(type);
  }

  @Override
  void quantizeBlock(float[] x, int xo, byte[] y, int yo) {
    switch (type()) {
      case F32 -> Le.put32(y, yo, Float.floatToRawIntBits(x[xo]));
      case F16 -> Le.putHalf(y, yo, x[xo]);
      default -> Le.put16(y, yo, toBf16(x[xo]));
    }
  }

  @Override
  void dequantizeBlock(byte[] y, int yo, float[] x, int xo) {
    x[xo] = switch (type()) {
      case F32 -> Float.intBitsToFloat(Le.i32(y, yo));
      case F16 -> Le.half(y, yo);
      default -> Float.intBitsToFloat(Le.u16(y, yo) << 16);
    };
  }

  /**
   * bfloat16 is the top half of a float32; rounded to nearest even like ggml's GGML_FP32_TO_BF16, NaNs kept NaN
   * (a NaN whose payload sits only in the low half would otherwise truncate to infinity).
   */
  static int toBf16(float v) {
    int bits = Float.floatToRawIntBits(v);
    if ((bits & 0x7FFF_FFFF) > 0x7F80_0000) {
      return (bits >>> 16) | 0x40;
    }
    return (bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16;
  }
}
