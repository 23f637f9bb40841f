package org.inferbench.model.gguf;

import java.util.Objects;
import java.util.Optional;
import org.inferbench.core.TensorType;

/**
 * Converts float rows to one storage type's blocks and back, byte for byte in ggml's block layout (ggml-common.h),
 * so llama.cpp decodes what this writes and this decodes what llama.cpp writes.
 */
public interface Quantizer {
  /** The storage type this converts to. */
  TensorType type();

  /**
   * Encodes {@code n} values from {@code src[srcOff]} into {@code dst} from {@code dstOff}; {@code n} must be a
   * multiple of the type's block size, and the encoding takes {@code type().bytes(n)} bytes.
   *
   * @throws IllegalArgumentException if n is not a multiple of the block size, or a value cannot be encoded (not
   *     finite, or too large for the format's fp16 scale)
   */
  void quantize(float[] src, int srcOff, int n, byte[] dst, int dstOff);

  /** Decodes {@code n} values (a multiple of the block size) from {@code src[srcOff]} into {@code dst[dstOff]}. */
  void dequantize(byte[] src, int srcOff, int n, float[] dst, int dstOff);

  /** Encodes a whole row (its length a multiple of the block size). */
  default byte[] quantize(float[] values) {
    byte[] out = new byte[Math.toIntExact(type().bytes(values.length))];
    quantize(values, 0, values.length, out, 0);
    return out;
  }

  /** Decodes whole blocks (the array's length a multiple of the block's byte size). */
  default float[] dequantize(byte[] bytes) {
    TensorType t = type();
    if (bytes.length % t.blockBytes() != 0) {
      throw new IllegalArgumentException(t.label() + ": " + bytes.length + " bytes is not a whole number of "
          + t.blockBytes() + "-byte blocks");
    }
    float[] out = new float[Math.toIntExact((long) bytes.length / t.blockBytes() * t.blockSize())];
    dequantize(bytes, 0, out.length, out, 0);
    return out;
  }

  /** The quantizer of {@code type}, if this package has one. */
  static Optional<Quantizer> find(TensorType type) {
    Objects.requireNonNull(type, "type");
    return Optional.ofNullable(switch (type) {
      case F32 -> PlainQuantizer.F32;
      case F16 -> PlainQuantizer.F16;
      case BF16 -> PlainQuantizer.BF16;
      case Q8_0 -> new Q8_0Quantizer();
      case Q4_0 -> new Q4_0Quantizer();
      case Q4_1 -> new Q4_1Quantizer();
      case Q5_0 -> new Q5_0Quantizer();
      case Q5_1 -> new Q5_1Quantizer();
      case Q4_K -> new Q4_KQuantizer();
      case Q5_K -> new Q5_KQuantizer();
      case Q6_K -> new Q6_KQuantizer();
      case MXFP4 -> new Mxfp4Quantizer();
      default -> null;
    });
  }

  /**
   * The quantizer of {@code type}.
   *
   * @throws IllegalArgumentException if this package cannot encode that type
   */
  static Quantizer forType(TensorType type) {
    return find(type).orElseThrow(() -> new IllegalArgumentException("tensor type " + type.label()
        + ": no quantizer (supported: F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K, MXFP4)"));
  }
}
