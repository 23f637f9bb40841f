package org.inferbench.model.gguf;

import java.util.Optional;

/** The 13 metadata value types of GGUF, numbered as a file stores them (ggml docs/gguf.md gguf_metadata_value_type). */
public enum GgufValueType {
  UINT8(0, 1, "u8"),
  INT8(1, 1, "i8"),
  UINT16(2, 2, "u16"),
  INT16(3, 2, "i16"),
  UINT32(4, 4, "u32"),
  INT32(5, 4, "i32"),
  FLOAT32(6, 4, "f32"),
  BOOL(7, 1, "bool"),
  STRING(8, 0, "string"),
  ARRAY(9, 0, "array"),
  UINT64(10, 8, "u64"),
  INT64(11, 8, "i64"),
  FLOAT64(12, 8, "f64");

  private final int id;
  private final int size;
  private final String label;

  GgufValueType(int id, int size, String label) {
    this.id = id;
    this.size = size;
    this.label = label;
  }

  /** The number a file stores. */
  public int id() {
    return id;
  }

  /** Bytes of one value; 0 for STRING and ARRAY, whose size depends on the value. */
  public int size() {
    return size;
  }

  /** The short name used in messages (u32, f32, string, ...). */
  public String label() {
    return label;
  }

  public boolean isInteger() {
    return this == UINT8 || this == INT8 || this == UINT16 || this == INT16 || this == UINT32 || this == INT32
        || this == UINT64 || this == INT64;
  }

  public boolean isFloat() {
    return this == FLOAT32 || this == FLOAT64;
  }

  /** The type numbered {@code id}, if there is one. */
  public static Optional<GgufValueType> byId(long id) {
    return id >= 0 && id < values().length ? Optional.of(values()[(int) id]) : Optional.empty();
  }
}
