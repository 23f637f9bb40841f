package org.inferbench.model.gguf;

/**
 * Little-endian reads and writes on byte arrays, and ggml's half-precision scales: every multi-byte field of a GGUF
 * file and of a ggml block is little-endian (ggml docs/gguf.md; ggml-common.h's ggml_half is IEEE binary16).
 */
final class Le {
  private Le() {}

  static int u8(byte[] b, int off) {
    return b[off] & 0xFF;
  }

  static int u16(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
  }

  static int i32(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
  }

  static long i64(byte[] b, int off) {
    return (i32(b, off) & 0xFFFF_FFFFL) | (long) i32(b, off + 4) << 32;
  }

  static void put16(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
  }

  static void put32(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }

  static void put64(byte[] b, int off, long v) {
    put32(b, off, (int) v);
    put32(b, off + 4, (int) (v >>> 32));
  }

  /** The fp16 at {@code off} as a float (ggml's GGML_FP16_TO_FP32). */
  static float half(byte[] b, int off) {
    return Float.float16ToFloat((short) u16(b, off));
  }

  /** Stores {@code v} as fp16, rounded to nearest even as ggml's GGML_FP32_TO_FP16 does. */
  static void putHalf(byte[] b, int off, float v) {
    put16(b, off, Float.floatToFloat16(v));
  }
}
