package org.inferbench.engine.llamacpp;

import org.inferbench.core.TensorType;

/** The KV cache types the engine offers (--cache-type-k/-v), with their storage per element (ggml-common.h blocks). */
enum KvCacheType {
  F16(TensorType.F16, 1),
  Q8_0(TensorType.Q8_0, 8),
  Q4_0(TensorType.Q4_0, 2);

  private final TensorType storage;
  private final int ggmlType;

  KvCacheType(TensorType storage, int ggmlType) {
    this.storage = storage;
    this.ggmlType = ggmlType;
  }

  /** ggml.h enum ggml_type: GGML_TYPE_F16 1, GGML_TYPE_Q4_0 2, GGML_TYPE_Q8_0 8 (stable across releases). */
  int ggmlType() {
    return ggmlType;
  }

  static KvCacheType parse(String s) {
    return valueOf(s.toUpperCase(java.util.Locale.ROOT));
  }

  /** f16 2 bytes; q8_0 34/32; q4_0 18/32. */
  double bytesPerElement() {
    return storage.bytesPerWeight();
  }

  boolean quantized() {
    return this != F16;
  }

  /** llama.cpp's name on its command line (common/arg.cpp kv_cache_types). */
  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
