package org.inferbench.model.gguf;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One metadata value, typed exactly as GGUF stores it: llama.cpp's loader rejects a count stored as u64 where it
 * expects u32, so a value keeps its type, and the factories say which one they make.
 */
public sealed interface GgufValue permits GgufValue.Int, GgufValue.Real, GgufValue.Bool, GgufValue.Text,
    GgufValue.Array {

  GgufValueType type();

  /**
   * An integer of one of the eight integer types. A u64 above {@link Long#MAX_VALUE} is held as its bit pattern
   * (negative; see {@link Long#toUnsignedString(long)}).
   */
  record Int(GgufValueType type, long value) implements GgufValue {
    public Int {
      Objects.requireNonNull(type, "type");
      long lo;
      long hi;
      switch (type) {
        case UINT8 -> { lo = 0; hi = 0xFF; }
        case INT8 -> { lo = Byte.MIN_VALUE; hi = Byte.MAX_VALUE; }
        case UINT16 -> { lo = 0; hi = 0xFFFF; }
        case INT16 -> { lo = Short.MIN_VALUE; hi = Short.MAX_VALUE; }
        case UINT32 -> { lo = 0; hi = 0xFFFF_FFFFL; }
        case INT32 -> { lo = Integer.MIN_VALUE; hi = Integer.MAX_VALUE; }
        case UINT64, INT64 -> { lo = Long.MIN_VALUE; hi = Long.MAX_VALUE; }
        default -> throw new IllegalArgumentException("Int: " + type.label() + " is not an integer type");
      }
      if (value < lo || value > hi) {
        throw new IllegalArgumentException(type.label() + ": " + value + " is out of range " + lo + ".." + hi);
      }
    }
  }

  /** An f32 or f64; an f32's value is a float widened to double. */
  record Real(GgufValueType type, double value) implements GgufValue {
    public Real {
      Objects.requireNonNull(type, "type");
      if (!type.isFloat()) {
        throw new IllegalArgumentException("Real: " + type.label() + " is not a float type");
      }
      if (type == GgufValueType.FLOAT32 && !Double.isNaN(value) && (double) (float) value != value) {
        throw new IllegalArgumentException("f32: " + value + " is not a float value");
      }
    }
  }

  record Bool(boolean value) implements GgufValue {
    @Override
    public GgufValueType type() {
      return GgufValueType.BOOL;
    }
  }

  /** A UTF-8 string. */
  record Text(String value) implements GgufValue {
    public Text {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public GgufValueType type() {
      return GgufValueType.STRING;
    }
  }

  /**
   * An array of one element type. Fixed-size elements are kept as the file's little-endian bytes, so a vocabulary's
   * scores or a large array costs no more heap than its bytes in the file; arrays may nest (each inner array carries
   * its own element type).
   */
  final class Array implements GgufValue {
    private final GgufValueType elementType;
    private final int size;
    private final byte[] raw;
    private final String[] strings;
    private final Array[] arrays;

    private Array(GgufValueType elementType, int size, byte[] raw, String[] strings, Array[] arrays) {
      this.elementType = elementType;
      this.size = size;
      this.raw = raw;
      this.strings = strings;
      this.arrays = arrays;
    }

    /** Fixed-size elements from their little-endian bytes (length = size * element size); the array is kept. */
    static Array ofRaw(GgufValueType elementType, byte[] raw) {
      if (elementType.size() == 0 || raw.length % elementType.size() != 0) {
        throw new IllegalArgumentException("array of " + elementType.label() + ": bad raw length " + raw.length);
      }
      return new Array(elementType, raw.length / elementType.size(), raw, null, null);
    }

    static Array ofStrings(String[] strings) {
      return new Array(GgufValueType.STRING, strings.length, null, strings, null);
    }

    static Array ofArrays(Array[] arrays) {
      return new Array(GgufValueType.ARRAY, arrays.length, null, null, arrays);
    }

    @Override
    public GgufValueType type() {
      return GgufValueType.ARRAY;
    }

    public GgufValueType elementType() {
      return elementType;
    }

    public int size() {
      return size;
    }

    /** Element {@code i} as a value of the element type. */
    public GgufValue get(int i) {
      Objects.checkIndex(i, size);
      return switch (elementType) {
        case STRING -> new Text(strings[i]);
        case ARRAY -> arrays[i];
        case BOOL -> new Bool(raw[i] != 0);
        case FLOAT32 -> new Real(elementType, Float.intBitsToFloat(Le.i32(raw, 4 * i)));
        case FLOAT64 -> new Real(elementType, Double.longBitsToDouble(Le.i64(raw, 8 * i)));
        default -> new Int(elementType, integer(i));
      };
    }

    /** The elements as values (a view; nothing is copied). */
    public List<GgufValue> items() {
      return new AbstractList<>() {
        @Override
        public GgufValue get(int index) {
          return Array.this.get(index);
        }

        @Override
        public int size() {
          return size;
        }
      };
    }

    /** The elements of a string array. */
    public List<String> strings() {
      require(GgufValueType.STRING);
      return Collections.unmodifiableList(Arrays.asList(strings));
    }

    /** The elements of an integer array, widened (unsigned types zero-extended, u64 as bit patterns). */
    public long[] longs() {
      if (!elementType.isInteger()) {
        throw new IllegalStateException("array of " + elementType.label() + " is not an integer array");
      }
      long[] out = new long[size];
      for (int i = 0; i < size; i++) {
        out[i] = integer(i);
      }
      return out;
    }

    /** The elements of an f32 array. */
    public float[] floats() {
      require(GgufValueType.FLOAT32);
      float[] out = new float[size];
      for (int i = 0; i < size; i++) {
        out[i] = Float.intBitsToFloat(Le.i32(raw, 4 * i));
      }
      return out;
    }

    /** The element's little-endian bytes as a file stores them (fixed-size element types only; a copy). */
    public byte[] rawBytes() {
      if (raw == null) {
        throw new IllegalStateException("array of " + elementType.label() + " has no fixed-size encoding");
      }
      return raw.clone();
    }

    /** The fixed-size elements' bytes, shared (for the writer). */
    byte[] rawView() {
      return raw;
    }

    String[] stringsView() {
      return strings;
    }

    Array[] arraysView() {
      return arrays;
    }

    private void require(GgufValueType t) {
      if (elementType != t) {
        throw new IllegalStateException("array of " + elementType.label() + " is not an array of " + t.label());
      }
    }

    private long integer(int i) {
      return switch (elementType) {
        case UINT8 -> raw[i] & 0xFF;
        case INT8 -> raw[i];
        case UINT16 -> Le.u16(raw, 2 * i);
        case INT16 -> (short) Le.u16(raw, 2 * i);
        case UINT32 -> Le.i32(raw, 4 * i) & 0xFFFF_FFFFL;
        case INT32 -> Le.i32(raw, 4 * i);
        default -> Le.i64(raw, 8 * i);
      };
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Array a && a.elementType == elementType && a.size == size && Arrays.equals(a.raw, raw)
          && Arrays.equals(a.strings, strings) && Arrays.equals(a.arrays, arrays);
    }

    @Override
    public int hashCode() {
      return Objects.hash(elementType, size, Arrays.hashCode(raw), Arrays.hashCode(strings), Arrays.hashCode(arrays));
    }

    @Override
    public String toString() {
      return "Array[" + elementType.label() + " x " + size + "]";
    }
  }

  static Int u8(int v) {
    return new Int(GgufValueType.UINT8, v);
  }

  static Int i8(int v) {
    return new Int(GgufValueType.INT8, v);
  }

  static Int u16(int v) {
    return new Int(GgufValueType.UINT16, v);
  }

  static Int i16(int v) {
    return new Int(GgufValueType.INT16, v);
  }

  static Int u32(long v) {
    return new Int(GgufValueType.UINT32, v);
  }

  static Int i32(int v) {
    return new Int(GgufValueType.INT32, v);
  }

  /** A u64 from its bit pattern. */
  static Int u64(long v) {
    return new Int(GgufValueType.UINT64, v);
  }

  static Int i64(long v) {
    return new Int(GgufValueType.INT64, v);
  }

  static Real f32(float v) {
    return new Real(GgufValueType.FLOAT32, v);
  }

  static Real f64(double v) {
    return new Real(GgufValueType.FLOAT64, v);
  }

  static Bool bool(boolean v) {
    return new Bool(v);
  }

  static Text string(String v) {
    return new Text(v);
  }

  static Array strings(List<String> values) {
    String[] a = values.toArray(new String[0]);
    for (String s : a) {
      Objects.requireNonNull(s, "string array element");
    }
    return Array.ofStrings(a);
  }

  static Array i32s(int... values) {
    byte[] raw = new byte[4 * values.length];
    for (int i = 0; i < values.length; i++) {
      Le.put32(raw, 4 * i, values[i]);
    }
    return Array.ofRaw(GgufValueType.INT32, raw);
  }

  static Array f32s(float... values) {
    byte[] raw = new byte[4 * values.length];
    for (int i = 0; i < values.length; i++) {
      Le.put32(raw, 4 * i, Float.floatToRawIntBits(values[i]));
    }
    return Array.ofRaw(GgufValueType.FLOAT32, raw);
  }

  /**
   * An array of any element type from values of that type (for a nested array, {@code ARRAY} and
   * {@link Array} items).
   *
   * @throws IllegalArgumentException if an item's type is not {@code elementType}
   */
  static Array array(GgufValueType elementType, List<? extends GgufValue> items) {
    Objects.requireNonNull(elementType, "elementType");
    for (GgufValue v : items) {
      if (v.type() != elementType) {
        throw new IllegalArgumentException("array of " + elementType.label() + ": item of type " + v.type().label());
      }
    }
    return switch (elementType) {
      case STRING -> Array.ofStrings(items.stream().map(v -> ((Text) v).value()).toArray(String[]::new));
      case ARRAY -> Array.ofArrays(items.stream().map(v -> (Array) v).toArray(Array[]::new));
      default -> {
        int size = elementType.size();
        byte[] raw = new byte[size * items.size()];
        for (int i = 0; i < items.size(); i++) {
          encodeScalar(items.get(i), raw, size * i);
        }
        yield Array.ofRaw(elementType, raw);
      }
    };
  }

  /** Writes a fixed-size scalar's little-endian bytes at {@code off}. */
  private static void encodeScalar(GgufValue v, byte[] out, int off) {
    switch (v) {
      case Int i -> {
        switch (i.type().size()) {
          case 1 -> out[off] = (byte) i.value();
          case 2 -> Le.put16(out, off, (int) i.value());
          case 4 -> Le.put32(out, off, (int) i.value());
          default -> Le.put64(out, off, i.value());
        }
      }
      case Real r when r.type() == GgufValueType.FLOAT32 ->
          Le.put32(out, off, Float.floatToRawIntBits((float) r.value()));
      case Real r -> Le.put64(out, off, Double.doubleToRawLongBits(r.value()));
      case Bool b -> out[off] = (byte) (b.value() ? 1 : 0);
      default -> throw new IllegalArgumentException("not a fixed-size scalar: " + v.type().label());
    }
  }
}
