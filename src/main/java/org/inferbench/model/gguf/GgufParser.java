package org.inferbench.model.gguf;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.inferbench.core.BadInputException;

/**
 * Parses a GGUF header (ggml docs/gguf.md; the checks follow llama.cpp's gguf.cpp gguf_init_from_reader): magic,
 * version, counts, metadata, tensor infos, then the layout of the data section, which is not read. Every count and
 * length is bounded by the bytes the file has left (and by limits far above any real model's) before anything is
 * allocated, so no input makes this allocate more than a small multiple of the file's header.
 */
final class GgufParser {
  static final int DEFAULT_ALIGNMENT = 32;
  /** ggml's GGML_MAX_NAME is 64 including the terminating NUL. */
  static final int MAX_TENSOR_NAME = 63;
  static final int MAX_DIMS = 4;
  /** Far above any real value (a whole tokenizer.json stored as a string is a few tens of MB). */
  static final int MAX_STRING = 1 << 28;
  /** Far above any real vocabulary (a quarter of a million tokens). */
  static final int MAX_ARRAY = 1 << 24;
  static final int MAX_NESTING = 8;
  /** The smallest tensor info: empty name (8), n_dims (4), type (4), offset (8). */
  private static final int MIN_TENSOR_INFO = 24;
  /** The smallest key-value pair: a 1-byte key (9), the value type (4), a 1-byte value. */
  private static final int MIN_KV = 14;

  private final Path file;
  private ChannelReader in;

  private GgufParser(Path file) {
    this.file = file;
  }

  static GgufFile parse(Path file) throws BadInputException {
    return new GgufParser(file).run();
  }

  private GgufFile run() throws BadInputException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      in = new ChannelReader(ch, file, ch.size());
      return parseHeader();
    } catch (NoSuchFileException e) {
      throw new BadInputException(Messages.file(file) + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new BadInputException(Messages.file(file) + ": permission denied", e);
    } catch (IOException e) {
      throw new BadInputException(Messages.file(file) + ": cannot read: " + Messages.oneLine(e.toString()), e);
    }
  }

  private GgufFile parseHeader() throws BadInputException {
    if (in.size() < 4) {
      throw in.error("magic", "not a GGUF file: it has " + in.size() + " bytes, expected at least the 4 bytes 'GGUF'");
    }
    byte[] magic = in.bytes(4, "magic");
    if (magic[0] != 'G' || magic[1] != 'G' || magic[2] != 'U' || magic[3] != 'F') {
      throw in.error("magic", "not a GGUF file: it starts with " + Messages.quote(new String(magic,
          StandardCharsets.ISO_8859_1)) + ", expected 'GGUF'");
    }
    long version = in.u32("version");
    if (version != 3 && version != 2) {
      String hint = version != 0 && (version & 0xFFFF) == 0 ? " (is the file big-endian?)"
          : version == 1 ? " (GGUF v1 is obsolete)" : "";
      throw in.error("version", "is " + version + ", expected 3 (or 2)" + hint);
    }
    long tensorCount = in.u64("tensor_count");
    long kvCount = in.u64("metadata_kv_count");
    long left = in.remaining();
    if (tensorCount < 0 || tensorCount > left / MIN_TENSOR_INFO) {
      throw in.error("tensor_count", "is " + Long.toUnsignedString(tensorCount) + ", expected at most "
          + left / MIN_TENSOR_INFO + " (each tensor info takes at least " + MIN_TENSOR_INFO + " of the file's "
          + left + " remaining bytes)");
    }
    left -= tensorCount * MIN_TENSOR_INFO;
    if (kvCount < 0 || kvCount > left / MIN_KV) {
      throw in.error("metadata_kv_count", "is " + Long.toUnsignedString(kvCount) + ", expected at most "
          + left / MIN_KV + " (each key-value pair takes at least " + MIN_KV + " of the file's remaining bytes)");
    }
    Map<String, GgufValue> metadata = new LinkedHashMap<>();
    for (long i = 0; i < kvCount; i++) {
      in.where("metadata key #" + i);
      String key = string("key", MAX_STRING);
      if (key.isEmpty()) {
        throw in.error("key", "is empty, expected a name");
      }
      in.where("metadata key #" + i + " " + Messages.quote(key));
      if (metadata.containsKey(key)) {
        throw in.error("key", "appears twice, expected each key once");
      }
      long type = in.u32("value type");
      metadata.put(key, value(type, 0));
    }
    in.where("");
    long alignment = alignment(metadata);
    List<TensorInfo> tensors = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (long i = 0; i < tensorCount; i++) {
      in.where("tensor #" + i);
      String name = string("name", MAX_TENSOR_NAME);
      in.where("tensor #" + i + " " + Messages.quote(name));
      if (!names.add(name)) {
        throw in.error("name", "appears twice, expected each tensor name once");
      }
      tensors.add(tensorInfo(name));
    }
    in.where("");
    long dataOffset = align(in.position(), alignment);
    checkLayout(tensors, dataOffset, alignment);
    return new GgufFile(file, (int) version, alignment, dataOffset, in.size(), metadata, tensors);
  }

  private String string(String field, int max) throws BadInputException {
    long len = in.u64(field + " length");
    if (len < 0 || len > in.remaining()) {
      throw in.error(field + " length", "is " + Long.toUnsignedString(len) + ", but the file has only "
          + in.remaining() + " bytes left (truncated file?)");
    }
    if (len > max) {
      throw in.error(field + " length", "is " + len + ", expected at most " + max);
    }
    if (len == 0) {
      return "";
    }
    return new String(in.bytes((int) len, field), StandardCharsets.UTF_8);
  }

  private GgufValueType valueType(long id, String field) throws BadInputException {
    return GgufValueType.byId(id).orElseThrow(() -> in.error(field, "is " + id + ", expected a GGUF value type 0..12"));
  }

  private GgufValue value(long typeId, int depth) throws BadInputException {
    GgufValueType type = valueType(typeId, "value type");
    return switch (type) {
      case STRING -> new GgufValue.Text(string("value", MAX_STRING));
      case ARRAY -> array(depth);
      case BOOL -> new GgufValue.Bool(bool(in.u8("value")));
      case FLOAT32 -> new GgufValue.Real(type, Float.intBitsToFloat((int) in.u32("value")));
      case FLOAT64 -> new GgufValue.Real(type, Double.longBitsToDouble(in.u64("value")));
      default -> new GgufValue.Int(type, integer(type));
    };
  }

  private long integer(GgufValueType type) throws BadInputException {
    return switch (type) {
      case UINT8 -> in.u8("value");
      case INT8 -> (byte) in.u8("value");
      case UINT16 -> in.u16("value");
      case INT16 -> (short) in.u16("value");
      case UINT32 -> in.u32("value");
      case INT32 -> (int) in.u32("value");
      default -> in.u64("value");
    };
  }

  /** The spec allows only 0 and 1: anything else marks a broken file or writer. */
  private boolean bool(int b) throws BadInputException {
    if (b > 1) {
      throw in.error("value", "bool byte is " + b + ", expected 0 or 1");
    }
    return b == 1;
  }

  private GgufValue.Array array(int depth) throws BadInputException {
    if (depth >= MAX_NESTING) {
      throw in.error("value", "arrays nested more than " + MAX_NESTING + " deep, expected fewer");
    }
    GgufValueType elem = valueType(in.u32("array element type"), "array element type");
    long n = in.u64("array length");
    // the least each element takes in the file: a string its u64 length, an array its type and length
    int least = switch (elem) {
      case STRING -> 8;
      case ARRAY -> 12;
      default -> elem.size();
    };
    if (n < 0 || n > MAX_ARRAY || n > in.remaining() / least) {
      throw in.error("array length", "is " + Long.toUnsignedString(n) + ", expected at most "
          + Math.min(MAX_ARRAY, in.remaining() / least) + " (" + elem.label() + " elements take at least " + least
          + " bytes each; " + in.remaining() + " bytes are left)");
    }
    int count = (int) n;
    return switch (elem) {
      case STRING -> {
        String[] s = new String[count];
        for (int i = 0; i < count; i++) {
          s[i] = string("array element " + i, MAX_STRING);
        }
        yield GgufValue.Array.ofStrings(s);
      }
      case ARRAY -> {
        GgufValue.Array[] a = new GgufValue.Array[count];
        for (int i = 0; i < count; i++) {
          a[i] = array(depth + 1);
        }
        yield GgufValue.Array.ofArrays(a);
      }
      default -> {
        byte[] raw = count == 0 ? new byte[0] : in.bytes(count * least, "array elements");
        if (elem == GgufValueType.BOOL) {
          for (byte b : raw) {
            bool(b & 0xFF);
          }
        }
        yield GgufValue.Array.ofRaw(elem, raw);
      }
    };
  }

  /** general.alignment must be a u32 power of two (gguf.cpp); 32 when absent. */
  private long alignment(Map<String, GgufValue> metadata) throws BadInputException {
    GgufValue v = metadata.get("general.alignment");
    if (v == null) {
      return DEFAULT_ALIGNMENT;
    }
    if (!(v instanceof GgufValue.Int i) || i.type() != GgufValueType.UINT32) {
      throw in.error("general.alignment", "is of type " + v.type().label() + ", expected u32");
    }
    long a = i.value();
    if (a == 0 || (a & (a - 1)) != 0) {
      throw in.error("general.alignment", "is " + a + ", expected a power of two");
    }
    return a;
  }

  private TensorInfo tensorInfo(String name) throws BadInputException {
    long nDims = in.u32("n_dims");
    if (nDims > MAX_DIMS) {
      throw in.error("n_dims", "is " + nDims + ", expected 0.." + MAX_DIMS);
    }
    long[] dims = new long[(int) nDims];
    for (int j = 0; j < nDims; j++) {
      dims[j] = in.u64("ne[" + j + "]");
      if (dims[j] < 0) {
        throw in.error("ne[" + j + "]", "is " + Long.toUnsignedString(dims[j]) + ", expected at most "
            + Long.MAX_VALUE);
      }
    }
    long typeId = in.u32("type");
    GgmlType type = GgmlType.byId(typeId).orElseThrow(() -> in.error("type", "ggml type id " + typeId
        + " is unknown (removed from ggml, or newer than this reader), expected one of 0-3, 6-30, 34, 35, 39"));
    long rowLength = nDims == 0 ? 1 : dims[0];
    if (rowLength % type.blockSize() != 0) {
      throw in.error("ne[0]", "is " + rowLength + ", expected a multiple of " + type + "'s block size "
          + type.blockSize());
    }
    long elements = 1;
    for (long d : dims) {
      if (d != 0 && elements > Long.MAX_VALUE / d) {
        throw in.error("ne", "dimensions " + java.util.Arrays.toString(dims)
            + " have more elements than 2^63-1, expected fewer");
      }
      elements *= d;
    }
    long blocks = elements / type.blockSize();
    if (blocks > Long.MAX_VALUE / type.blockBytes()) {
      throw in.error("ne", "dimensions " + java.util.Arrays.toString(dims) + " of " + type
          + " take more than 2^63-1 bytes, expected fewer");
    }
    long offset = in.u64("offset");
    return new TensorInfo(name, dims, type, offset, blocks * type.blockBytes());
  }

  /**
   * Tensor data is contiguous in info order, each tensor padded to the alignment (gguf.cpp requires each offset to
   * be exactly the padded end of the one before), and must lie within the file.
   */
  private void checkLayout(List<TensorInfo> tensors, long dataOffset, long alignment) throws BadInputException {
    long expected = 0;
    for (int i = 0; i < tensors.size(); i++) {
      TensorInfo t = tensors.get(i);
      in.where("tensor #" + i + " " + Messages.quote(t.name()));
      if (t.offset() != expected) {
        throw in.error("offset", "is " + Long.toUnsignedString(t.offset()) + ", expected " + expected
            + " (tensor data is contiguous in info order, each tensor padded to " + alignment + " bytes)");
      }
      long room = in.size() - dataOffset - expected;
      if (t.byteSize() > room) {
        throw in.error("data", t.byteSize() + " bytes from byte " + (dataOffset + expected)
            + ", but the file ends at byte " + in.size() + " (truncated file)");
      }
      expected = align(expected + t.byteSize(), alignment);
    }
    in.where("");
  }

  static long align(long x, long alignment) {
    return (x + alignment - 1) & -alignment;
  }
}
