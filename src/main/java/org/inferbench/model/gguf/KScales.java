package org.inferbench.model.gguf;

/**
 * The 12 bytes in which Q4_K and Q5_K keep eight 6-bit sub-block scales and eight 6-bit mins (ggml-quants.c
 * get_scale_min_k4 and the packing in quantize_row_q4_K_ref): for j < 4, byte j holds scale j and byte j + 4 holds
 * min j in their low 6 bits; for j >= 4, byte j + 4 holds the low 4 bits of scale j (low nibble) and of min j (high
 * nibble), and their top 2 bits sit in the top 2 bits of bytes j - 4 (scale) and j (min).
 */
final class KScales {
  static final int BYTES = 12;

  private KScales() {}

  /** Packs {@code scales[j]} and {@code mins[j]} (each 0..63) into {@code y[off..off+12)}. */
  static void pack(int[] scales, int[] mins, byte[] y, int off) {
    for (int k = 0; k < BYTES; k++) {
      y[off + k] = 0;
    }
    for (int j = 0; j < 8; j++) {
      int s = scales[j];
      int m = mins[j];
      if (j < 4) {
        y[off + j] |= (byte) s;
        y[off + j + 4] |= (byte) m;
      } else {
        y[off + j + 4] = (byte) ((s & 0x0F) | (m & 0x0F) << 4);
        y[off + j - 4] |= (byte) ((s >>> 4) << 6);
        y[off + j] |= (byte) ((m >>> 4) << 6);
      }
    }
  }

  static int scale(byte[] y, int off, int j) {
    if (j < 4) {
      return y[off + j] & 63;
    }
    return (y[off + j + 4] & 0x0F) | ((y[off + j - 4] & 0xFF) >>> 6) << 4;
  }

  static int min(byte[] y, int off, int j) {
    if (j < 4) {
      return y[off + j + 4] & 63;
    }
    return ((y[off + j + 4] & 0xFF) >>> 4) | ((y[off + j] & 0xFF) >>> 6) << 4;
  }
}
