package org.inferbench.engine.llamacpp;

import org.inferbench.engine.TensorType;

/** The KV cache types the engine offers (--cache-type-k/-v), with their storage per element (ggml-common.h blocks). */
enum KvCacheType {
  F16(TensorType.F16),
  Q8_0(TensorType.Q8_0),
  Q4_0(TensorType.Q4_0);

  private final TensorType storage;

  KvCacheType(TensorType storage) {
    this.storage = storage;
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
