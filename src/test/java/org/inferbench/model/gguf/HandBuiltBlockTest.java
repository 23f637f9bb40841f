package org.inferbench.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import org.inferbench.core.TensorType;
import org.junit.jupiter.api.Test;

/**
 * Blocks built byte by byte from ggml-common.h's layouts decode to values worked out by hand, so a wrong nibble
 * order, bit position or field offset fails here even where encoding and decoding would agree with each other.
 */
final class HandBuiltBlockTest {
  private static float[] decode(TensorType t, byte[] block) {
    assertThat(block).hasSize(t.blockBytes());
    return Quantizer.forType(t).dequantize(block);
  }

  /** Q8_0: d first, then 32 signed bytes in value order. */
  @Test
  void q8_0() {
    byte[] b = new byte[34];
    b[0] = 0x00;
    b[1] = 0x34; // d = 0.25
    for (int i = 0; i < 32; i++) {
      b[2 + i] = (byte) (i - 16);
    }
    b[2 + 31] = (byte) 0x80; // -128
    float[] x = decode(TensorType.Q8_0, b);
    assertThat(x[0]).isEqualTo(-4.0f);
    assertThat(x[16]).isEqualTo(0.0f);
    assertThat(x[30]).isEqualTo(3.5f);
    assertThat(x[31]).isEqualTo(-32.0f);
  }

  /** Q4_0: byte j holds value j in its low nibble and value j + 16 in its high nibble, both offset by 8. */
  @Test
  void q4_0() {
    byte[] b = new byte[18];
    b[1] = 0x38; // d = 0.5
    for (int j = 0; j < 16; j++) {
      b[2 + j] = (byte) (j | (15 - j) << 4);
    }
    float[] x = decode(TensorType.Q4_0, b);
    assertThat(x[0]).isEqualTo(-4.0f);   // (0 - 8) * 0.5
    assertThat(x[1]).isEqualTo(-3.5f);   // (1 - 8) * 0.5; an interleaved order would give byte 0's high nibble
    assertThat(x[15]).isEqualTo(3.5f);   // (15 - 8) * 0.5
    assertThat(x[16]).isEqualTo(3.5f);   // byte 0 high nibble 15
    assertThat(x[17]).isEqualTo(3.0f);   // byte 1 high nibble 14
    assertThat(x[31]).isEqualTo(-4.0f);  // byte 15 high nibble 0
  }

  /** Q4_1: d, then m, then nibbles as Q4_0, value = d * q + m. */
  @Test
  void q4_1() {
    byte[] b = new byte[20];
    b[1] = 0x38;          // d = 0.5
    b[3] = (byte) 0xBC;   // m = -1
    for (int j = 0; j < 16; j++) {
      b[4 + j] = (byte) (j | (15 - j) << 4);
    }
    float[] x = decode(TensorType.Q4_1, b);
    assertThat(x[0]).isEqualTo(-1.0f);
    assertThat(x[15]).isEqualTo(6.5f);
    assertThat(x[16]).isEqualTo(6.5f);
    assertThat(x[31]).isEqualTo(-1.0f);
  }

  /** Q5_0: d, then a little-endian u32 whose bit i is value i's fifth bit, then nibbles as Q4_0, offset by 16. */
  @Test
  void q5_0() {
    float[] x = decode(TensorType.Q5_0, q5Block(false));
    assertThat(x[0]).isEqualTo(0.0f);    // 0 | 16 (bit 0) - 16
    assertThat(x[1]).isEqualTo(-7.5f);   // 1 - 16
    assertThat(x[15]).isEqualTo(-0.5f);  // 15 - 16
    assertThat(x[16]).isEqualTo(-0.5f);  // high nibble 15, bit 16 clear
    assertThat(x[17]).isEqualTo(7.0f);   // high nibble 14 | 16 (bit 17) - 16 = 14 -> 7
    assertThat(x[31]).isEqualTo(0.0f);   // high nibble 0 | 16 (bit 31) - 16
  }

  /** Q5_1: d, m, then the Q5_0 bits, value = d * q + m. */
  @Test
  void q5_1() {
    float[] x = decode(TensorType.Q5_1, q5Block(true));
    assertThat(x[0]).isEqualTo(7.0f);    // 16 * 0.5 - 1
    assertThat(x[1]).isEqualTo(-0.5f);   // 1 * 0.5 - 1
    assertThat(x[16]).isEqualTo(6.5f);   // 15 * 0.5 - 1
    assertThat(x[17]).isEqualTo(14.0f);  // 30 * 0.5 - 1
    assertThat(x[31]).isEqualTo(7.0f);   // 16 * 0.5 - 1
  }

  private static byte[] q5Block(boolean withMin) {
    int qs = withMin ? 8 : 6;
    byte[] b = new byte[qs + 16];
    b[1] = 0x38; // d = 0.5
    if (withMin) {
      b[3] = (byte) 0xBC; // m = -1
    }
    // qh = 0x80020001: bits 0, 17 and 31
    b[qs - 4] = 0x01;
    b[qs - 2] = 0x02;
    b[qs - 1] = (byte) 0x80;
    for (int j = 0; j < 16; j++) {
      b[qs + j] = (byte) (j | (15 - j) << 4);
    }
    return b;
  }

  /** Sub-block scales 1, 2, 3, 4, 20, 33, 47, 63 and mins 0, 5, 10, 15, 16, 31, 48, 62 packed in 12 bytes. */
  private static final int[] K_SCALES = {0x41, 0x82, 0x83, 0xC4, 0x40, 0x45, 0xCA, 0xCF, 0x04, 0xF1, 0x0F, 0xEF};

  /** Q4_K: 6-bit scales and mins split over 12 bytes; 64 values per 32 bytes, low nibbles first. */
  @Test
  void q4_K() {
    byte[] b = new byte[144];
    b[1] = 0x3C;  // d = 1
    b[3] = 0x34;  // dmin = 0.25
    for (int k = 0; k < 12; k++) {
      b[4 + k] = (byte) K_SCALES[k];
    }
    for (int k = 0; k < 128; k++) {
      b[16 + k] = (byte) (k % 16 | (15 - k % 16) << 4);
    }
    float[] x = decode(TensorType.Q4_K, b);
    assertThat(x[0]).isEqualTo(0.0f);       // sub 0 (1, 0): qs[0] low 0
    assertThat(x[5]).isEqualTo(5.0f);       // 1 * 5
    assertThat(x[37]).isEqualTo(18.75f);    // sub 1 (2, 5): qs[5] high 10 -> 20 - 1.25
    assertThat(x[67]).isEqualTo(6.5f);      // sub 2 (3, 10): qs[35] low 3 -> 9 - 2.5
    assertThat(x[103]).isEqualTo(28.25f);   // sub 3 (4, 15): qs[39] high 8 -> 32 - 3.75
    assertThat(x[129]).isEqualTo(16.0f);    // sub 4 (20, 16): qs[65] low 1 -> 20 - 4
    assertThat(x[162]).isEqualTo(421.25f);  // sub 5 (33, 31): qs[66] high 13 -> 429 - 7.75
    assertThat(x[207]).isEqualTo(693.0f);   // sub 6 (47, 48): qs[111] low 15 -> 705 - 12
    assertThat(x[255]).isEqualTo(-15.5f);   // sub 7 (63, 62): qs[127] high 0 -> 0 - 15.5
  }

  /** Q5_K: as Q4_K plus qh, where bit 2g of qh[l] tops value 64g + l and bit 2g + 1 tops value 64g + 32 + l. */
  @Test
  void q5_K() {
    byte[] b = new byte[176];
    b[1] = 0x3C;
    b[3] = 0x34;
    for (int k = 0; k < 12; k++) {
      b[4 + k] = (byte) K_SCALES[k];
    }
    for (int l = 0; l < 32; l++) {
      b[16 + l] = (byte) (l < 16 ? 0x55 : 0xAA);
    }
    for (int k = 0; k < 128; k++) {
      b[48 + k] = (byte) (k % 16 | (15 - k % 16) << 4);
    }
    float[] x = decode(TensorType.Q5_K, b);
    assertThat(x[0]).isEqualTo(16.0f);      // low 0, qh[0] bit 0 set -> 16
    assertThat(x[5]).isEqualTo(21.0f);      // low 5 + 16
    assertThat(x[16]).isEqualTo(0.0f);      // low 0, qh[16] = 0xAA bit 0 clear
    assertThat(x[37]).isEqualTo(18.75f);    // high 10, qh[5] bit 1 clear -> 2 * 10 - 1.25
    assertThat(x[48]).isEqualTo(60.75f);    // high 15, qh[16] bit 1 set -> 2 * 31 - 1.25
    assertThat(x[67]).isEqualTo(54.5f);     // low 3, qh[3] bit 2 set -> 3 * 19 - 2.5
    assertThat(x[103]).isEqualTo(28.25f);   // high 8, qh[7] bit 3 clear
    assertThat(x[129]).isEqualTo(336.0f);   // low 1, qh[1] bit 4 set -> 20 * 17 - 4
    assertThat(x[162]).isEqualTo(421.25f);  // high 13, qh[2] bit 5 clear
    assertThat(x[207]).isEqualTo(1445.0f);  // low 15, qh[15] bit 6 set -> 47 * 31 - 12
    assertThat(x[255]).isEqualTo(992.5f);   // high 0, qh[31] bit 7 set -> 63 * 16 - 15.5
  }

  /** Q6_K: ql, qh, int8 scales, then d; four values per ql/qh position, 16-value sub-blocks. */
  @Test
  void q6_K() {
    byte[] b = new byte[210];
    for (int k = 0; k < 128; k++) {
      b[k] = (byte) k;
    }
    for (int k = 0; k < 64; k++) {
      b[128 + k] = (byte) k;
    }
    for (int i = 0; i < 16; i++) {
      b[192 + i] = (byte) ((i + 1) * (i % 2 == 0 ? 1 : -1));
    }
    b[209] = 0x38; // d = 0.5, the block's last two bytes
    float[] x = decode(TensorType.Q6_K, b);
    assertThat(x[0]).isEqualTo(-16.0f);    // ql[0] low 0, qh[0] bits 0-1 = 0 -> -32; scale 1
    assertThat(x[5]).isEqualTo(-5.5f);     // 5 | 1 << 4 = 21 -> -11; scale 1
    assertThat(x[17]).isEqualTo(15.0f);    // 1 | 1 << 4 = 17 -> -15; scale -2
    assertThat(x[35]).isEqualTo(-43.5f);   // ql[35] low 3, qh[3] bits 2-3 = 0 -> -29; scale 3
    assertThat(x[74]).isEqualTo(-80.0f);   // ql[10] high 0, qh[10] bits 4-5 = 0 -> -32; scale 5
    assertThat(x[127]).isEqualTo(116.0f);  // ql[63] high 3, qh[31] bits 6-7 = 0 -> -29; scale -8
    assertThat(x[148]).isEqualTo(140.0f);  // second half: ql[84] low 4, qh[52] bits 0-1 = 0 -> -28; scale -10
    assertThat(x[173]).isEqualTo(159.5f);  // ql[109] low 13, qh[45] bits 2-3 = 3 -> 61 - 32 = 29; scale 11
    assertThat(x[222]).isEqualTo(-147.0f); // ql[94] high 5, qh[62] bits 4-5 = 3 -> 53 - 32 = 21; scale -14
    assertThat(x[255]).isEqualTo(200.0f);  // ql[127] high 7, qh[63] bits 6-7 = 0 -> -25; scale -16
  }

  /** The plain types are little-endian IEEE values (bfloat16 the top half of a float32). */
  @Test
  void plainTypes() {
    assertThat(decode(TensorType.F32, new byte[] {0, 0, (byte) 0x80, 0x3F})).containsExactly(1.0f);
    byte[] f16 = {0x00, 0x3C, 0x00, (byte) 0xC0, 0x00, 0x7C};
    assertThat(Quantizer.forType(TensorType.F16).dequantize(f16)).containsExactly(1.0f, -2.0f,
        Float.POSITIVE_INFINITY);
    byte[] bf16 = {(byte) 0x80, 0x3F, 0x49, 0x40};
    assertThat(Quantizer.forType(TensorType.BF16).dequantize(bf16)).containsExactly(1.0f, 3.140625f);
    assertThat(Quantizer.forType(TensorType.F16).quantize(new float[] {1.0f, -2.0f})).containsExactly(0x00, 0x3C,
        0x00, 0xC0);
    assertThat(Quantizer.forType(TensorType.BF16).quantize(new float[] {1.0f, (float) Math.PI}))
        .containsExactly(0x80, 0x3F, 0x49, 0x40);
  }
}
