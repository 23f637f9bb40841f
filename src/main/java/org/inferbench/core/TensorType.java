package org.inferbench.core;

import java.util.Locale;

/**
 * How a weight tensor is stored: elements per block and bytes per block, so bytes per weight holds for block
 * formats too (METRICS.md "bytes per weight"; block layouts from ggml's ggml-common.h).
 */
public enum TensorType {
  F32(1, 4),
  F16(1, 2),
  BF16(1, 2),
  /** ONNX Runtime's dynamically quantized MatMul weights (one byte each; scales are per tensor). */
  INT8(1, 1),
  Q4_0(32, 18),
  Q4_1(32, 20),
  Q5_0(32, 22),
  Q5_1(32, 24),
  Q8_0(32, 34),
  Q2_K(256, 84),
  Q3_K(256, 110),
  Q4_K(256, 144),
  Q5_K(256, 176),
  Q6_K(256, 210),
  Q8_K(256, 292),
  /** Microscaling FP4 (gpt-oss's experts): a shared power-of-two scale byte and 32 4-bit E2M1 values. */
  MXFP4(32, 17);

  private final int blockSize;
  private final int blockBytes;

  TensorType(int blockSize, int blockBytes) {
    this.blockSize = blockSize;
    this.blockBytes = blockBytes;
  }

  /** Elements per block (1 for plain types). */
  public int blockSize() {
    return blockSize;
  }

  /** Bytes one block takes. */
  public int blockBytes() {
    return blockBytes;
  }

  public double bytesPerWeight() {
    return (double) blockBytes / blockSize;
  }

  /** Bytes a tensor of this type with {@code elements} elements takes (elements a multiple of the block size). */
  public long bytes(long elements) {
    if (elements % blockSize != 0) {
      throw new IllegalArgumentException("elements: expected a multiple of " + name() + "'s block size " + blockSize
          + ", got " + elements);
    }
    return elements / blockSize * blockBytes;
  }

  public String label() {
    return name();
  }

  /** Reads a type name in any case ("q4_k", "F16"); ONNX's dtype names fp32/fp16/int8 are accepted too. */
  public static TensorType parse(String s) {
    String u = s.trim().toUpperCase(Locale.ROOT);
    switch (u) {
      case "FP32", "FLOAT32" -> u = "F32";
      case "FP16", "FLOAT16" -> u = "F16";
      case "Q8", "UINT8" -> u = "INT8";
      default -> { }
    }
    try {
      return valueOf(u);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tensor type: unknown '" + s + "'");
    }
  }
}
