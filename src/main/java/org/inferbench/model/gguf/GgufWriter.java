package org.inferbench.model.gguf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.inferbench.core.TensorType;

/**
 * Writes a GGUF v3 file (ggml docs/gguf.md; layout as llama.cpp's gguf.cpp writes it): header, metadata, tensor
 * infos, zero padding to the alignment, then each tensor's data in info order, each padded to the alignment. Tensor
 * data is produced row by row by the caller and quantized as it is written, so a model of any size passes through a
 * buffer of about a megabyte. The file appears whole or not at all: it is written to a temporary file in the same
 * directory and renamed over the target.
 */
public final class GgufWriter {
  /** Produces a tensor's rows: fills {@code out} (its length the row length, dims[0]) with row {@code row}. */
  @FunctionalInterface
  public interface RowSource {
    void fill(long row, float[] out);
  }

  private record Pending(String name, long[] dims, TensorType type, RowSource rows, long byteSize) {}

  private static final int CHUNK = 1 << 20;
  private static final SecureRandom RANDOM = new SecureRandom();
  /** ggml sets no limit; padding is written from a buffer of this size at most. */
  private static final int MAX_ALIGNMENT = 1 << 16;

  private final Map<String, GgufValue> metadata = new LinkedHashMap<>();
  private final Map<String, Pending> tensors = new LinkedHashMap<>();

  /**
   * Sets a metadata key (a key set twice keeps its first position and its last value). general.alignment, if set,
   * must be a u32 power of two (here at most 65536); it governs the padding.
   *
   * @throws IllegalArgumentException if the key is empty or general.alignment is not such a u32
   */
  public GgufWriter put(String key, GgufValue value) {
    Objects.requireNonNull(value, "value");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("metadata key: empty");
    }
    if (key.equals("general.alignment")) {
      if (!(value instanceof GgufValue.Int i) || i.type() != GgufValueType.UINT32 || i.value() == 0
          || (i.value() & (i.value() - 1)) != 0 || i.value() > MAX_ALIGNMENT) {
        throw new IllegalArgumentException("general.alignment: expected a u32 power of two up to " + MAX_ALIGNMENT
            + ", got " + value);
      }
    }
    metadata.put(key, value);
    return this;
  }

  /**
   * Declares a tensor; its rows are asked for, in order, when the file is written. {@code dims} is in ggml order:
   * dims[0] is the row length, the product of the others the number of rows.
   *
   * @throws IllegalArgumentException if the name is longer than 63 UTF-8 bytes or taken, dims has not 1..4 entries
   *     or a negative one, dims[0] is not a multiple of the type's block size, or the type has no quantizer
   */
  public GgufWriter addTensor(String name, TensorType type, long[] dims, RowSource rows) {
    Objects.requireNonNull(rows, "rows");
    Quantizer.forType(type);
    GgmlType ggml = GgmlType.of(type);
    if (name.getBytes(StandardCharsets.UTF_8).length > GgufParser.MAX_TENSOR_NAME) {
      throw new IllegalArgumentException("tensor " + name + ": name longer than " + GgufParser.MAX_TENSOR_NAME
          + " bytes");
    }
    if (tensors.containsKey(name)) {
      throw new IllegalArgumentException("tensor " + name + ": added twice");
    }
    if (dims.length < 1 || dims.length > GgufParser.MAX_DIMS) {
      throw new IllegalArgumentException("tensor " + name + ": " + dims.length + " dimensions, expected 1..4");
    }
    long elements = 1;
    for (long d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException("tensor " + name + ": negative dimension " + d);
      }
      elements = Math.multiplyExact(elements, d);
    }
    if (dims[0] % ggml.blockSize() != 0) {
      throw new IllegalArgumentException("tensor " + name + ": row length " + dims[0] + " is not a multiple of "
          + type.label() + "'s block size " + ggml.blockSize());
    }
    if (type.bytes(dims[0]) > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("tensor " + name + ": a row of " + dims[0] + " values takes 2 GiB or more");
    }
    long byteSize = Math.multiplyExact(elements / ggml.blockSize(), (long) ggml.blockBytes());
    tensors.put(name, new Pending(name, dims.clone(), type, rows, byteSize));
    return this;
  }

  /** Declares a small tensor from all its values (row-major, dims[0] fastest). */
  public GgufWriter addTensor(String name, TensorType type, long[] dims, float[] values) {
    long elements = 1;
    for (long d : dims) {
      elements *= d;
    }
    if (elements != values.length) {
      throw new IllegalArgumentException("tensor " + name + ": " + values.length + " values for dims of "
          + elements + " elements");
    }
    int row = dims.length == 0 ? 0 : (int) dims[0];
    return addTensor(name, type, dims, (r, out) -> System.arraycopy(values, (int) (r * row), out, 0, row));
  }

  /** Alignment in effect: general.alignment, or 32. */
  private long alignment() {
    return metadata.get("general.alignment") instanceof GgufValue.Int i ? i.value()
        : GgufParser.DEFAULT_ALIGNMENT;
  }

  /**
   * Writes the file, replacing any file at {@code file} only once it is complete.
   *
   * @throws IOException if writing fails (the target is then left as it was)
   */
  public void write(Path file) throws IOException {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = createTemporary(dir, abs.getFileName().toString());
    boolean done = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        long pos = writeFully(ch, ByteBuffer.wrap(header()));
        long align = alignment();
        Progress progress = new Progress(abs.getFileName().toString(), dataBytes());
        for (Pending t : tensors.values()) {
          pos += writeFully(ch, ByteBuffer.allocate((int) (GgufParser.align(pos, align) - pos)));
          pos += writeData(ch, t);
          progress.add(t.byteSize());
        }
        progress.done();
        writeFully(ch, ByteBuffer.allocate((int) (GgufParser.align(pos, align) - pos)));
        ch.force(false);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private long dataBytes() {
    long n = 0;
    for (Pending t : tensors.values()) n += t.byteSize();
    return n;
  }

  /**
   * Progress of a large file on stderr (a file of a gigabyte or more: a 30B model takes minutes), at most every ten
   * seconds: "model-q4_k_m.gguf: 41% (7.6 of 18.6 GB)".
   */
  private static final class Progress {
    private static final long LARGE = 1L << 30;
    private final String name;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private long last = System.nanoTime();

    Progress(String name, long total) {
      this.name = name;
      this.total = total;
    }

    void add(long bytes) {
      done += bytes;
      long now = System.nanoTime();
      if (total >= LARGE && now - last > 10_000_000_000L) {
        last = now;
        System.err.printf(java.util.Locale.ROOT, "%s: %d%% (%.1f of %.1f GB)%n", name, 100 * done / total, done / 1e9,
            total / 1e9);
      }
    }

    void done() {
      if (total >= LARGE) {
        System.err.printf(java.util.Locale.ROOT, "%s: %.1f GB written in %.0f s%n", name, total / 1e9,
            (System.nanoTime() - start) / 1e9);
      }
    }
  }

  /**
   * A new file beside the target. Files.createTempFile would make it readable by its owner only, and the rename
   * would carry that over; Files.createFile gives it the permissions any new file gets (the umask's).
   */
  private static Path createTemporary(Path dir, String name) throws IOException {
    while (true) {
      Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
      try {
        return Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        // another writer's temporary file: pick another name
      }
    }
  }

  /** Everything before the data section: the fixed header, metadata, tensor infos and the padding after them. */
  private byte[] header() {
    Out o = new Out();
    o.raw(new byte[] {'G', 'G', 'U', 'F'});
    o.u32(3);
    o.u64(tensors.size());
    o.u64(metadata.size());
    for (Map.Entry<String, GgufValue> e : metadata.entrySet()) {
      o.string(e.getKey());
      o.u32(e.getValue().type().id());
      o.value(e.getValue());
    }
    long align = alignment();
    long offset = 0;
    for (Pending t : tensors.values()) {
      o.string(t.name());
      o.u32(t.dims().length);
      for (long d : t.dims()) {
        o.u64(d);
      }
      o.u32(GgmlType.of(t.type()).id());
      o.u64(offset);
      offset = GgufParser.align(offset + t.byteSize(), align);
    }
    o.raw(new byte[(int) (GgufParser.align(o.size(), align) - o.size())]);
    return o.toByteArray();
  }

  /** Quantizes a tensor's rows into chunks of about a megabyte and writes them; returns the bytes written. */
  private static long writeData(FileChannel ch, Pending t) throws IOException {
    Quantizer q = Quantizer.forType(t.type());
    int rowLength = (int) t.dims()[0];
    long rows = 1;
    for (int i = 1; i < t.dims().length; i++) {
      rows *= t.dims()[i];
    }
    if (rowLength == 0) {
      return 0;
    }
    int rowBytes = (int) t.type().bytes(rowLength);
    int rowsPerChunk = (int) Math.max(1, Math.min(rows, CHUNK / Math.max(1, rowBytes)));
    byte[] chunk = new byte[Math.multiplyExact(rowsPerChunk, rowBytes)];
    float[][] values = new float[rowsPerChunk][rowLength];
    long written = 0;
    for (long r = 0; r < rows; ) {
      int n = (int) Math.min(rowsPerChunk, rows - r);
      // sources produce rows in order (a seeded stream), so fill sequentially; rows then quantize independently, and
      // the K-quants' scale searches are worth the cores (each row's bytes are the same whatever thread makes them)
      for (int k = 0; k < n; k++, r++) {
        t.rows().fill(r, values[k]);
      }
      java.util.stream.IntStream.range(0, n).parallel()
          .forEach(k -> q.quantize(values[k], 0, rowLength, chunk, k * rowBytes));
      written += writeFully(ch, ByteBuffer.wrap(chunk, 0, n * rowBytes));
    }
    return written;
  }

  private static long writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    long n = b.remaining();
    while (b.hasRemaining()) {
      ch.write(b);
    }
    return n;
  }

  /** A growable little-endian byte sink for the header. */
  private static final class Out extends ByteArrayOutputStream {
    void raw(byte[] b) {
      write(b, 0, b.length);
    }

    void u32(long v) {
      byte[] b = new byte[4];
      Le.put32(b, 0, (int) v);
      raw(b);
    }

    void u64(long v) {
      byte[] b = new byte[8];
      Le.put64(b, 0, v);
      raw(b);
    }

    void string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      u64(b.length);
      raw(b);
    }

    void value(GgufValue v) {
      switch (v) {
        case GgufValue.Text t -> string(t.value());
        case GgufValue.Array a -> {
          u32(a.elementType().id());
          u64(a.size());
          switch (a.elementType()) {
            case STRING -> {
              for (String s : a.stringsView()) {
                string(s);
              }
            }
            case ARRAY -> {
              for (GgufValue.Array inner : a.arraysView()) {
                value(inner);
              }
            }
            default -> raw(a.rawView());
          }
        }
        default -> raw(scalar(v));
      }
    }

    private static byte[] scalar(GgufValue v) {
      GgufValue.Array one = GgufValue.array(v.type(), List.of(v));
      return one.rawView();
    }
  }
}
