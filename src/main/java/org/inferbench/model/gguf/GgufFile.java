package org.inferbench.model.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.inferbench.core.BadInputException;

/**
 * A GGUF file's header: version, metadata, tensor infos and where the data section lies. Reading it reads only the
 * header; tensor data is read on request, one tensor (or a range of its rows) at a time, so a file of any size can
 * be described. Holds no open file. Any malformed file is a {@link BadInputException} with a one-line message that
 * names the file, the field and what was expected.
 */
public final class GgufFile {
  private final Path path;
  private final int version;
  private final long alignment;
  private final long dataOffset;
  private final long fileSize;
  private final Map<String, GgufValue> metadata;
  private final List<TensorInfo> tensors;
  private final Map<String, TensorInfo> byName = new LinkedHashMap<>();

  GgufFile(Path path, int version, long alignment, long dataOffset, long fileSize, Map<String, GgufValue> metadata,
      List<TensorInfo> tensors) {
    this.path = path;
    this.version = version;
    this.alignment = alignment;
    this.dataOffset = dataOffset;
    this.fileSize = fileSize;
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    this.tensors = List.copyOf(tensors);
    for (TensorInfo t : tensors) {
      byName.put(t.name(), t);
    }
  }

  /**
   * Reads and checks {@code file}'s header.
   *
   * @throws BadInputException if the file cannot be read or is not a well-formed GGUF v3 (or v2) file
   */
  public static GgufFile read(Path file) throws BadInputException {
    return GgufParser.parse(file);
  }

  public Path path() {
    return path;
  }

  /** 3, or 2 for an older file (the same layout, little-endian only). */
  public int version() {
    return version;
  }

  /** general.alignment (a power of two up to 2^31), or 32. */
  public long alignment() {
    return alignment;
  }

  /** Where the data section starts: the end of the header rounded up to the alignment. */
  public long dataOffset() {
    return dataOffset;
  }

  public long fileSize() {
    return fileSize;
  }

  /** Every key-value pair, in file order. */
  public Map<String, GgufValue> metadata() {
    return metadata;
  }

  public Optional<GgufValue> get(String key) {
    return Optional.ofNullable(metadata.get(key));
  }

  /** Tensor infos in file order. */
  public List<TensorInfo> tensors() {
    return tensors;
  }

  public Optional<TensorInfo> tensor(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** general.architecture ("llama", "gpt2", ...), which llama.cpp requires. */
  public String architecture() throws BadInputException {
    return getString("general.architecture");
  }

  public String getString(String key) throws BadInputException {
    return ((GgufValue.Text) typed(key, GgufValueType.STRING)).value();
  }

  /** A u32, zero-extended. */
  public long getU32(String key) throws BadInputException {
    return ((GgufValue.Int) typed(key, GgufValueType.UINT32)).value();
  }

  public int getI32(String key) throws BadInputException {
    return (int) ((GgufValue.Int) typed(key, GgufValueType.INT32)).value();
  }

  /** A u64 as its bit pattern (see {@link Long#toUnsignedString(long)}). */
  public long getU64(String key) throws BadInputException {
    return ((GgufValue.Int) typed(key, GgufValueType.UINT64)).value();
  }

  public long getI64(String key) throws BadInputException {
    return ((GgufValue.Int) typed(key, GgufValueType.INT64)).value();
  }

  public float getF32(String key) throws BadInputException {
    return (float) ((GgufValue.Real) typed(key, GgufValueType.FLOAT32)).value();
  }

  public double getF64(String key) throws BadInputException {
    return ((GgufValue.Real) typed(key, GgufValueType.FLOAT64)).value();
  }

  public boolean getBool(String key) throws BadInputException {
    return ((GgufValue.Bool) typed(key, GgufValueType.BOOL)).value();
  }

  public GgufValue.Array getArray(String key) throws BadInputException {
    return (GgufValue.Array) typed(key, GgufValueType.ARRAY);
  }

  /** An array of strings (tokenizer.ggml.tokens, tokenizer.ggml.merges). */
  public List<String> getStrings(String key) throws BadInputException {
    GgufValue.Array a = getArray(key);
    if (a.elementType() != GgufValueType.STRING) {
      throw new BadInputException(Messages.file(path) + ": metadata " + Messages.quote(key) + ": is an array of "
          + a.elementType().label() + ", expected an array of string");
    }
    return a.strings();
  }

  /** The value of {@code key}, which must have type {@code type} (llama.cpp's loader checks types strictly too). */
  private GgufValue typed(String key, GgufValueType type) throws BadInputException {
    GgufValue v = metadata.get(key);
    if (v == null) {
      throw new BadInputException(Messages.file(path) + ": metadata " + Messages.quote(key)
          + ": missing, expected a value of type " + type.label());
    }
    if (v.type() != type) {
      throw new BadInputException(Messages.file(path) + ": metadata " + Messages.quote(key) + ": is of type "
          + v.type().label() + ", expected " + type.label());
    }
    return v;
  }

  /** Tensors, elements and bytes per storage type, in {@link GgmlType} order. */
  public Map<GgmlType, TypeTotals> typeHistogram() {
    Map<GgmlType, TypeTotals> h = new EnumMap<>(GgmlType.class);
    for (TensorInfo t : tensors) {
      h.merge(t.type(), new TypeTotals(0, 0, 0).plus(t), (a, b) -> a.plus(t));
    }
    return Collections.unmodifiableMap(h);
  }

  /**
   * llama.cpp's name of the file type ("Q4_K_M", "Q8_0", "F16"): from general.file_type when it holds a known
   * llama_ftype, else as the file name states it ("model-q4_k_m.gguf"); empty when neither says.
   */
  public Optional<String> fileType() {
    if (metadata.get("general.file_type") instanceof GgufValue.Int i) {
      Optional<String> n = FileTypes.name(i.value());
      if (n.isPresent()) {
        return n;
      }
    }
    Path name = path.getFileName();
    return name == null ? Optional.empty() : FileTypes.fromFileName(name.toString());
  }

  /**
   * A tensor's bytes as stored.
   *
   * @throws BadInputException if it takes more than {@code maxBytes} bytes, or the file cannot be read
   */
  public byte[] readTensorBytes(TensorInfo t, int maxBytes) throws BadInputException {
    if (t.byteSize() > maxBytes) {
      throw new BadInputException(Messages.file(path) + ": tensor " + Messages.quote(t.name()) + ": takes "
          + t.byteSize() + " bytes, expected at most " + maxBytes + " to read at once");
    }
    return read(dataOffset + t.offset(), (int) t.byteSize(), t);
  }

  /**
   * A tensor's values, dequantized.
   *
   * @throws BadInputException if it has more than {@code maxElements} elements, its type has no quantizer here, or
   *     the file cannot be read
   */
  public float[] dequantize(TensorInfo t, int maxElements) throws BadInputException {
    if (t.elements() > maxElements) {
      throw new BadInputException(Messages.file(path) + ": tensor " + Messages.quote(t.name()) + ": has "
          + t.elements() + " elements, expected at most " + maxElements + " to dequantize at once");
    }
    return dequantizeRows(t, 0, (int) t.rows());
  }

  /**
   * Rows {@code firstRow .. firstRow + rowCount} of a tensor, dequantized: a slice of a tensor too large to
   * decode whole.
   *
   * @throws IndexOutOfBoundsException if the rows are not within the tensor
   * @throws BadInputException if the type has no quantizer here, the slice has more than 2^31-1 values, or the file
   *     cannot be read
   */
  public float[] dequantizeRows(TensorInfo t, long firstRow, int rowCount) throws BadInputException {
    if (firstRow < 0 || rowCount < 0 || firstRow > t.rows() - rowCount) {
      throw new IndexOutOfBoundsException("rows " + firstRow + ".." + (firstRow + rowCount) + " of " + t.rows());
    }
    Quantizer q = t.tensorType().flatMap(Quantizer::find).orElseThrow(() -> new BadInputException(
        Messages.file(path) + ": tensor " + Messages.quote(t.name()) + ": type " + t.type()
            + " cannot be dequantized here, expected one of F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, "
            + "Q6_K"));
    long values = t.rowLength() * rowCount;
    long bytes = t.rowBytes() * rowCount;
    if (values > Integer.MAX_VALUE - 8 || bytes > Integer.MAX_VALUE - 8) {
      throw new BadInputException(Messages.file(path) + ": tensor " + Messages.quote(t.name()) + ": " + rowCount
          + " rows are " + values + " values, expected fewer than 2^31 to dequantize at once");
    }
    byte[] raw = read(dataOffset + t.offset() + firstRow * t.rowBytes(), (int) bytes, t);
    float[] out = new float[(int) values];
    q.dequantize(raw, 0, out.length, out, 0);
    return out;
  }

  private byte[] read(long at, int n, TensorInfo t) throws BadInputException {
    byte[] b = new byte[n];
    ByteBuffer buf = ByteBuffer.wrap(b);
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long p = at;
      while (buf.hasRemaining()) {
        int r = ch.read(buf, p);
        if (r < 0) {
          throw new BadInputException(Messages.file(path) + ": tensor " + Messages.quote(t.name()) + ": data: the file"
              + " ends at byte " + p + ", expected " + (at + n) + " bytes (was it truncated after it was read?)");
        }
        p += r;
      }
    } catch (IOException e) {
      throw new BadInputException(Messages.file(path) + ": cannot read: " + Messages.oneLine(e.toString()), e);
    }
    return b;
  }

  @Override
  public String toString() {
    return "GgufFile[" + path + ", v" + version + ", " + metadata.size() + " keys, " + tensors.size() + " tensors]";
  }
}
