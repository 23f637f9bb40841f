package org.inferbench.model.gguf;

import java.util.Optional;
import org.inferbench.core.TensorType;

/**
 * ggml's tensor storage types as numbered in a GGUF tensor info (ggml.h enum ggml_type), with their block geometry
 * (elements and bytes per block, from the block structs of ggml-common.h). Ids that ggml removed (4, 5, 31-33,
 * 36-38) have no constant: a file using them is rejected, as llama.cpp's gguf.cpp rejects them.
 */
public enum GgmlType {
  F32(0, 1, 4, TensorType.F32),
  F16(1, 1, 2, TensorType.F16),
  Q4_0(2, 32, 18, TensorType.Q4_0),
  Q4_1(3, 32, 20, TensorType.Q4_1),
  Q5_0(6, 32, 22, TensorType.Q5_0),
  Q5_1(7, 32, 24, TensorType.Q5_1),
  Q8_0(8, 32, 34, TensorType.Q8_0),
  Q8_1(9, 32, 36, null),
  Q2_K(10, 256, 84, TensorType.Q2_K),
  Q3_K(11, 256, 110, TensorType.Q3_K),
  Q4_K(12, 256, 144, TensorType.Q4_K),
  Q5_K(13, 256, 176, TensorType.Q5_K),
  Q6_K(14, 256, 210, TensorType.Q6_K),
  Q8_K(15, 256, 292, TensorType.Q8_K),
  IQ2_XXS(16, 256, 66, null),
  IQ2_XS(17, 256, 74, null),
  IQ3_XXS(18, 256, 98, null),
  IQ1_S(19, 256, 50, null),
  IQ4_NL(20, 32, 18, null),
  IQ3_S(21, 256, 110, null),
  IQ2_S(22, 256, 82, null),
  IQ4_XS(23, 256, 136, null),
  I8(24, 1, 1, null),
  I16(25, 1, 2, null),
  I32(26, 1, 4, null),
  I64(27, 1, 8, null),
  F64(28, 1, 8, null),
  IQ1_M(29, 256, 56, null),
  BF16(30, 1, 2, TensorType.BF16),
  TQ1_0(34, 256, 54, null),
  TQ2_0(35, 256, 66, null),
  MXFP4(39, 32, 17, TensorType.MXFP4);

  private static final GgmlType[] BY_ID = new GgmlType[40];

  static {
    for (GgmlType t : values()) {
      BY_ID[t.id] = t;
    }
  }

  private final int id;
  private final int blockSize;
  private final int blockBytes;
  private final TensorType tensorType;

  GgmlType(int id, int blockSize, int blockBytes, TensorType tensorType) {
    this.id = id;
    this.blockSize = blockSize;
    this.blockBytes = blockBytes;
    this.tensorType = tensorType;
  }

  /** The number a GGUF tensor info stores. */
  public int id() {
    return id;
  }

  /** Elements per block (1 for plain types). */
  public int blockSize() {
    return blockSize;
  }

  /** Bytes one block takes. */
  public int blockBytes() {
    return blockBytes;
  }

  /** The InferBench storage type this is, if it has one (IQ, TQ, Q8_1 and the integer types have none). */
  public Optional<TensorType> tensorType() {
    return Optional.ofNullable(tensorType);
  }

  /** The type numbered {@code id}, if ggml defines (and has not removed) it. */
  public static Optional<GgmlType> byId(long id) {
    return id >= 0 && id < BY_ID.length ? Optional.ofNullable(BY_ID[(int) id]) : Optional.empty();
  }

  /**
   * The ggml type that stores {@code type}.
   *
   * @throws IllegalArgumentException for {@link TensorType#INT8}, ONNX Runtime's per-tensor-scaled bytes, which no
   *     ggml type stores
   */
  public static GgmlType of(TensorType type) {
    for (GgmlType t : values()) {
      if (t.tensorType == type) {
        return t;
      }
    }
    throw new IllegalArgumentException("tensor type " + type.label() + ": no GGUF (ggml) equivalent");
  }
}
