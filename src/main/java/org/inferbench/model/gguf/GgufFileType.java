package org.inferbench.model.gguf;

import java.util.List;
import java.util.Locale;
import org.inferbench.core.TensorType;

/**
 * The file types InferBench writes: llama.cpp's general.file_type (llama.h enum llama_ftype) and the tensor type
 * most weights take (llama-quant.cpp, llama_ftype_get_default_type).
 */
public enum GgufFileType {
  F16(1, TensorType.F16),
  F32(0, TensorType.F32),
  Q8_0(7, TensorType.Q8_0),
  Q4_0(2, TensorType.Q4_0),
  Q4_K_M(15, TensorType.Q4_K),
  Q5_K_M(17, TensorType.Q5_K),
  Q6_K(18, TensorType.Q6_K),
  /** Experts (3-D tensors) in MXFP4, every other quantizable matrix in Q8_0: gpt-oss's published layout. */
  MXFP4_MOE(38, TensorType.MXFP4);

  private final int id;
  private final TensorType defaultType;

  GgufFileType(int id, TensorType defaultType) {
    this.id = id;
    this.defaultType = defaultType;
  }

  /** The general.file_type value. */
  public int id() {
    return id;
  }

  public TensorType defaultType() {
    return defaultType;
  }

  /** Whether weights are block-quantized (llama.cpp then picks per-tensor types; F16 and F32 files keep one). */
  public boolean quantized() {
    return defaultType.blockSize() > 1;
  }

  /** The names {@code --dtype} takes, the default (F16) first. */
  public static List<String> names() {
    return java.util.Arrays.stream(values()).map(Enum::name).toList();
  }

  public static GgufFileType parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("dtype " + s + ": expected one of " + String.join(", ", names()));
    }
  }
}
