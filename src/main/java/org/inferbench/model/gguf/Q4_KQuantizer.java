package org.inferbench.model.gguf;

import org.inferbench.core.TensorType;

/**
 * Q4_K: {fp16 d; fp16 dmin; u8 scales[12]; u8 qs[128]} per 256 values, 4-bit levels. Each 64 values share 32 bytes:
 * value 64g + l (l < 32) is the low nibble of qs[32g + l], value 64g + 32 + l its high nibble (ggml-common.h
 * block_q4_K; ggml-quants.c quantize_row_q4_K_ref and dequantize_row_q4_K).
 */
final class Q4_KQuantizer extends ScaleMinKQuantizer {
  private static final int QS = 4 + KScales.BYTES;

  Q4_KQuantizer() {
    super(TensorType.Q4_K, 15, -1f, 20);
  }

  @Override
  void packLevels(int[] levels, byte[] y, int yo) {
    for (int g = 0; g < 4; g++) {
      for (int l = 0; l < 32; l++) {
        y[yo + QS + 32 * g + l] = (byte) (levels[64 * g + l] | levels[64 * g + 32 + l] << 4);
      }
    }
  }

  @Override
  int level(byte[] y, int yo, int i) {
    int g = i / 64;
    int l = i % 64;
    int b = y[yo + QS + 32 * g + (l & 31)] & 0xFF;
    return l < 32 ? b & 0x0F : b >>> 4;
  }
}
