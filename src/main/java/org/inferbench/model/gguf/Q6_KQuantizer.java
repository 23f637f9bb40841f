package org.inferbench.model.gguf;

import org.inferbench.engine.TensorType;

/**
 * Q6_K: {u8 ql[128]; u8 qh[64]; int8 scales[16]; fp16 d} per 256 values (d last), value = d * scales[i / 16] *
 * (q - 32) with 6-bit q (ggml-common.h block_q6_K). Each half h of 128 values uses ql[64h..], qh[32h..]: for l < 32,
 * value 128h + l is the low nibble of ql[64h + l], value +32 the low nibble of ql[64h + 32 + l], value +64 the high
 * nibble of ql[64h + l], value +96 the high nibble of ql[64h + 32 + l]; their top two bits are bits 0-1, 2-3, 4-5, 6-7
 * of qh[32h + l] (ggml-quants.c quantize_row_q6_K_ref and dequantize_row_q6_K).
 *
 * <p>llama.cpp maps each 16-value sub-block's largest-magnitude value to q - 32 = -32 and searches the scale around
 * that (make_qx_quants). This also puts the larger side on -32 but widens the step just enough that the other side
 * fits in 31.5 steps, and rounds the 8-bit sub-block scale up, so every value decodes within half a step.
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
    float[] step = new float[16];
    float maxStep = 0;
    for (int j = 0; j < 16; j++) {
      float neg = 0;
      float pos = 0;
      for (int i = 0; i < 16; i++) {
        float v = x[xo + 16 * j + i];
        neg = Math.max(neg, -v);
        pos = Math.max(pos, v);
      }
      // a positive step puts the negative side on q - 32 = -32, a negative one the positive side
      step[j] = neg >= pos ? Math.max(neg / 32, pos / 31.5f) : -Math.max(pos / 32, neg / 31.5f);
      maxStep = Math.max(maxStep, Math.abs(step[j]));
    }
    float d = maxStep > 0 ? Float.float16ToFloat(Le.halfAtLeast(maxStep / 127, type().label())) : 0;
    int[] sc = new int[16];
    for (int j = 0; j < 16; j++) {
      if (d > 0) {
        float a = Math.abs(step[j]);
        int k = Math.min(127, (int) Math.ceil(a / d));
        while (k < 127 && d * k < a) {
          k++;
        }
        sc[j] = step[j] < 0 ? -k : k;
      }
    }
    int[] levels = new int[256];
    for (int j = 0; j < 16; j++) {
      float s = d * sc[j];
      for (int i = 0; i < 16; i++) {
        int q = s == 0 ? 0 : clamp(nearestInt(x[xo + 16 * j + i] / s), -32, 31);
        levels[16 * j + i] = q + 32;
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
    for (int j = 0; j < 16; j++) {
      y[yo + SCALES + j] = (byte) sc[j];
    }
    Le.putHalf(y, yo + D, d);
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
