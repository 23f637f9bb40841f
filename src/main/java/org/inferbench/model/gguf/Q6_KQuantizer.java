package org.inferbench.model.gguf;

import org.inferbench.core.TensorType;

/**
 * Q6_K: {u8 ql[128]; u8 qh[64]; int8 scales[16]; fp16 d} per 256 values (d last), value = d * scales[i / 16] *
 * (q - 32) with 6-bit q (ggml-common.h block_q6_K). Each half h of 128 values uses ql[64h..], qh[32h..]: for l < 32,
 * value 128h + l is the low nibble of ql[64h + l], value +32 the low nibble of ql[64h + 32 + l], value +64 the high
 * nibble of ql[64h + l], value +96 the high nibble of ql[64h + 32 + l]; their top two bits are bits 0-1, 2-3, 4-5, 6-7
 * of qh[32h + l] (ggml-quants.c quantize_row_q6_K_ref and dequantize_row_q6_K).
 *
 * <p>Encoding is llama.cpp's without an importance matrix (quantize_row_q6_K_ref, which llama-quantize runs then):
 * each 16-value sub-block's scale comes from {@link ScaleSearch#signed}; d is the scale of largest magnitude over
 * -128, each sub-block's 8-bit scale its nearest multiple of d, and the levels are then rounded against the stored
 * scales.
 */
final class Q6_KQuantizer extends BlockQuantizer {
  private static final int QH = 128;
  private static final int SCALES = 192;
  private static final int D = 208;

  Q6_KQuantizer() {
    super(TensorType.Q6_K);
  }

  @Override
  void quantizeBlock(float[] x, int xo, byte[] y, int yo) {
    requireFinite(x, xo, 256);
    int[] levels = new int[256];
    float[] scales = new float[16];
    float maxScale = 0;
    float maxAbs = 0;
    for (int j = 0; j < 16; j++) {
      scales[j] = ScaleSearch.signed(x, xo + 16 * j, 16, 32, levels, 16 * j);
      float a = Math.abs(scales[j]);
      if (a > maxAbs) {
        maxAbs = a;
        maxScale = scales[j];
      }
    }
    if (maxAbs < ScaleSearch.GROUP_MAX_EPS) {
      java.util.Arrays.fill(y, yo, yo + type().blockBytes(), (byte) 0); // an all-zero block: d = 0, every byte 0
      return;
    }
    float iscale = -128f / maxScale;
    putScale(y, yo + D, 1 / iscale);
    for (int j = 0; j < 16; j++) {
      y[yo + SCALES + j] = (byte) Math.min(127, nearestInt(iscale * scales[j]));
    }
    float d = Le.half(y, yo + D);
    for (int j = 0; j < 16; j++) {
      float s = d * y[yo + SCALES + j];
      if (s == 0) {
        continue; // the levels of the search stand
      }
      for (int i = 0; i < 16; i++) {
        levels[16 * j + i] = clamp(nearestInt(x[xo + 16 * j + i] / s), -32, 31) + 32;
      }
    }
    for (int h = 0; h < 2; h++) {
      for (int l = 0; l < 32; l++) {
        int a = levels[128 * h + l];
        int b = levels[128 * h + l + 32];
        int c = levels[128 * h + l + 64];
        int e = levels[128 * h + l + 96];
        y[yo + 64 * h + l] = (byte) ((a & 0x0F) | (c & 0x0F) << 4);
        y[yo + 64 * h + 32 + l] = (byte) ((b & 0x0F) | (e & 0x0F) << 4);
        y[yo + QH + 32 * h + l] = (byte) ((a >>> 4) | (b >>> 4) << 2 | (c >>> 4) << 4 | (e >>> 4) << 6);
      }
    }
  }

  @Override
  void dequantizeBlock(byte[] y, int yo, float[] x, int xo) {
    float d = Le.half(y, yo + D);
    for (int h = 0; h < 2; h++) {
      for (int l = 0; l < 32; l++) {
        int lo = y[yo + 64 * h + l] & 0xFF;
        int lo2 = y[yo + 64 * h + 32 + l] & 0xFF;
        int qh = y[yo + QH + 32 * h + l] & 0xFF;
        int q1 = ((lo & 0x0F) | (qh & 3) << 4) - 32;
        int q2 = ((lo2 & 0x0F) | ((qh >>> 2) & 3) << 4) - 32;
        int q3 = ((lo >>> 4) | ((qh >>> 4) & 3) << 4) - 32;
        int q4 = ((lo2 >>> 4) | ((qh >>> 6) & 3) << 4) - 32;
        int base = 128 * h + l;
        x[xo + base] = d * y[yo + SCALES + base / 16] * q1;
        x[xo + base + 32] = d * y[yo + SCALES + (base + 32) / 16] * q2;
        x[xo + base + 64] = d * y[yo + SCALES + (base + 64) / 16] * q3;
        x[xo + base + 96] = d * y[yo + SCALES + (base + 96) / 16] * q4;
      }
    }
  }
}
