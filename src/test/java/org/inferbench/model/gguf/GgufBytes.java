package org.inferbench.model.gguf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds GGUF bytes field by field, so tests can write files no well-behaved writer would. */
final class GgufBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static GgufBytes header(long version, long tensors, long kvs) {
    return new GgufBytes().raw("GGUF".getBytes(StandardCharsets.US_ASCII)).u32(version).u64(tensors).u64(kvs);
  }

  GgufBytes raw(byte[] b) {
    out.write(b, 0, b.length);
    return this;
  }

  GgufBytes u8(int v) {
    out.write(v);
    return this;
  }

  GgufBytes u32(long v) {
    byte[] b = new byte[4];
    Le.put32(b, 0, (int) v);
    return raw(b);
  }

  GgufBytes u64(long v) {
    byte[] b = new byte[8];
    Le.put64(b, 0, v);
    return raw(b);
  }

  GgufBytes str(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return u64(b.length).raw(b);
  }

  GgufBytes kvU32(String key, long v) {
    return str(key).u32(GgufValueType.UINT32.id()).u32(v);
  }

  GgufBytes kvString(String key, String v) {
    return str(key).u32(GgufValueType.STRING.id()).str(v);
  }

  GgufBytes tensor(String name, long[] dims, int type, long offset) {
    str(name).u32(dims.length);
    for (long d : dims) {
      u64(d);
    }
    return u32(type).u64(offset);
  }

  /** Zero bytes up to the next multiple of {@code alignment}. */
  GgufBytes pad(int alignment) {
    while (out.size() % alignment != 0) {
      out.write(0);
    }
    return this;
  }

  GgufBytes zeros(int n) {
    return raw(new byte[n]);
  }

  int size() {
    return out.size();
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  Path write(Path file) throws IOException {
    return Files.write(file, bytes());
  }
}
