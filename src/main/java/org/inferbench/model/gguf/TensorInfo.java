package org.inferbench.model.gguf;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.inferbench.core.TensorType;

/**
 * One tensor as a GGUF file describes it: its name, its dimensions in ggml order ({@code dims[0]} is the row
 * length, the fastest-varying one), its storage type, where its data starts relative to the file's data section,
 * and how many bytes it takes.
 */
public record TensorInfo(String name, long[] dims, GgmlType type, long offset, long byteSize) {
  public TensorInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    dims = dims.clone();
  }

  @Override
  public long[] dims() {
    return dims.clone();
  }

  /** The product of the dimensions (1 for a tensor with no dimensions). */
  public long elements() {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return n;
  }

  /** Values in one row: {@code dims[0]}, or 1 for a tensor with no dimensions. */
  public long rowLength() {
    return dims.length == 0 ? 1 : dims[0];
  }

  /** Number of rows: the product of the dimensions after the first (0 if a row is empty). */
  public long rows() {
    return rowLength() == 0 ? 0 : elements() / rowLength();
  }

  /** Bytes of one row. */
  public long rowBytes() {
    return rowLength() / type.blockSize() * type.blockBytes();
  }

  /** The InferBench storage type, if the ggml type has one. */
  public Optional<TensorType> tensorType() {
    return type.tensorType();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorInfo t && t.name.equals(name) && Arrays.equals(t.dims, dims) && t.type == type
        && t.offset == offset && t.byteSize == byteSize;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(dims), type, offset, byteSize);
  }

  @Override
  public String toString() {
    return name + " " + Arrays.toString(dims) + " " + type + " @" + offset + " (" + byteSize + " B)";
  }
}
