package org.inferbench.model.gguf;

import org.inferbench.core.TensorType;

/**
 * Q5_K: {fp16 d; fp16 dmin; u8 scales[12]; u8 qh[32]; u8 qs[128]} per 256 values, 5-bit levels. The low 4 bits sit
 * in qs as in Q4_K; the fifth bit of value 64g + l is bit 2g of qh[l], of value 64g + 32 + l bit 2g + 1 of qh[l]
 * (ggml-common.h block_q5_K; ggml-quants.c quantize_row_q5_K_ref and dequantize_row_q5_K).
 */
final class Q5_KQuantizer extends ScaleMinKQuantizer {
  private static final int QH = 4 + KScales.BYTES;
  private static final int QS = QH + 32;

  Q5_KQuantizer() {
    super(TensorType.Q5_K, 31, -0.5f, 15);
  }

  @Override
  void packLevels(int[] levels, byte[] y, int yo) {
    for (int l = 0; l < 32; l++) {
      y[yo + QH + l] = 0;
    }
    for (int g = 0; g < 4; g++) {
      for (int l = 0; l < 32; l++) {
        int a = levels[64 * g + l];
        int b = levels[64 * g + 32 + l];
        y[yo + QS + 32 * g + l] = (byte) ((a & 0x0F) | (b & 0x0F) << 4);
        y[yo + QH + l] |= (byte) ((a >>> 4) << (2 * g) | (b >>> 4) << (2 * g + 1));
      }
    }
  }

  @Override
  int level(byte[] y, int yo, int i) {
    int g = i / 64;
    int l = i % 64;
    int b = y[yo + QS + 32 * g + (l & 31)] & 0xFF;
    int low = l < 32 ? b & 0x0F : b >>> 4;
    int high = ((y[yo + QH + (l & 31)] & 0xFF) >>> (2 * g + (l < 32 ? 0 : 1))) & 1;
    return low | high << 4;
  }
}
