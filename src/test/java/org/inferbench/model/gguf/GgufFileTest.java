package org.inferbench.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.inferbench.core.BadInputException;
import org.inferbench.core.TensorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every malformed file is refused with one line that names the file, the field and what was expected; nothing else
 * escapes and nothing large is allocated on the strength of a count or length read from the file.
 */
final class GgufFileTest {
  @TempDir
  Path dir;

  private static final int Q4_K = GgmlType.Q4_K.id();
  private static final int F32 = GgmlType.F32.id();

  private String refuse(byte[] content, String... fragments) throws Exception {
    Path file = dir.resolve("bad.gguf");
    Files.write(file, content);
    BadInputException e = assertThrows(BadInputException.class, () -> GgufFile.read(file));
    assertThat(e.getMessage()).startsWith(file + ": ").doesNotContain("\n", "\r");
    for (String f : fragments) {
      assertThat(e.getMessage()).contains(f);
    }
    return e.getMessage();
  }

  /** A header with one key and then whatever {@code rest} adds. */
  private static GgufBytes oneKv(long tensors) {
    return GgufBytes.header(3, tensors, 1).kvString("general.architecture", "llama");
  }

  /** Not GGUF at all, or too short to say. */
  @Test
  void wrongMagic() throws Exception {
    assertThat(refuse("PK\u0003\u0004rest of a zip".getBytes(StandardCharsets.ISO_8859_1)))
        .endsWith("magic: not a GGUF file: it starts with 'PK\\u0003\\u0004', expected 'GGUF'");
    assertThat(refuse(new byte[] {'G', 'G'})).endsWith("magic: not a GGUF file: it has 2 bytes, expected at least"
        + " the 4 bytes 'GGUF'");
    refuse(new byte[0], "it has 0 bytes");
  }

  /** Version 3 and 2 are read; 1, 0, newer ones and byte-swapped ones are refused. */
  @Test
  void versions() throws Exception {
    assertThat(refuse(GgufBytes.header(1, 0, 0).bytes())).endsWith("version: is 1, expected 3 (or 2) (GGUF v1 is"
        + " obsolete)");
    refuse(GgufBytes.header(4, 0, 0).bytes(), "version: is 4, expected 3 (or 2)");
    refuse(GgufBytes.header(0, 0, 0).bytes(), "version: is 0, expected 3 (or 2)");
    refuse(GgufBytes.header(0x0300_0000L, 0, 0).bytes(), "big-endian");
    Path v2 = GgufBytes.header(2, 0, 0).write(dir.resolve("v2.gguf"));
    assertThat(GgufFile.read(v2).version()).isEqualTo(2);
  }

  /** Counts are bounded by what the rest of the file could hold, before any list is sized from them. */
  @Test
  void absurdCounts() throws Exception {
    refuse(GgufBytes.header(3, Long.MAX_VALUE, 0).bytes(), "tensor_count: is 9223372036854775807, expected at most 0");
    refuse(GgufBytes.header(3, -1, 0).bytes(), "tensor_count: is 18446744073709551615");
    refuse(GgufBytes.header(3, 0, 1L << 40).zeros(100).bytes(), "metadata_kv_count: is 1099511627776, expected at"
        + " most 7");
  }

  /** String and array lengths are bounded by the bytes left in the file. */
  @Test
  void absurdLengths() throws Exception {
    refuse(GgufBytes.header(3, 0, 1).u64(1L << 40).zeros(20).bytes(),
        "metadata key #0: key length: is 1099511627776, but the file has only 20 bytes left");
    refuse(GgufBytes.header(3, 0, 1).u64(-1).zeros(20).bytes(),
        "key length: is 18446744073709551615, but the file has only 20 bytes left");
    refuse(GgufBytes.header(3, 0, 1).str("k").u32(GgufValueType.STRING.id()).u64(1000).zeros(10).bytes(),
        "metadata key #0 'k': value length: is 1000, but the file has only 10 bytes left");
    refuse(GgufBytes.header(3, 0, 1).str("k").u32(GgufValueType.ARRAY.id()).u32(GgufValueType.UINT64.id())
        .u64(1L << 31).zeros(64).bytes(), "'k': array length: is 2147483648, expected at most 8");
    refuse(GgufBytes.header(3, 0, 1).str("k").u32(GgufValueType.ARRAY.id()).u32(GgufValueType.STRING.id())
        .u64(100).zeros(64).bytes(), "array length: is 100, expected at most 8 (string elements take at least 8");
  }

  /** Value types outside 0..12, bools other than 0 and 1, empty and repeated keys, and runaway nesting. */
  @Test
  void badMetadata() throws Exception {
    refuse(GgufBytes.header(3, 0, 1).str("k").u32(13).zeros(8).bytes(),
        "metadata key #0 'k': value type: is 13, expected a GGUF value type 0..12");
    refuse(GgufBytes.header(3, 0, 1).str("k").u32(GgufValueType.ARRAY.id()).u32(99).u64(0).bytes(),
        "array element type: is 99");
    refuse(GgufBytes.header(3, 0, 1).str("k").u32(GgufValueType.BOOL.id()).u8(2).zeros(8).bytes(),
        "'k': value: bool byte is 2, expected 0 or 1");
    refuse(GgufBytes.header(3, 0, 1).str("").u32(GgufValueType.UINT8.id()).u8(2).zeros(8).bytes(),
        "metadata key #0: key: is empty, expected a name");
    refuse(GgufBytes.header(3, 0, 2).kvU32("a", 1).kvU32("a", 2).bytes(),
        "metadata key #1 'a': key: appears twice, expected each key once");
    GgufBytes deep = GgufBytes.header(3, 0, 1).str("k").u32(GgufValueType.ARRAY.id());
    for (int i = 0; i < 20; i++) {
      deep.u32(GgufValueType.ARRAY.id()).u64(1);
    }
    refuse(deep.zeros(64).bytes(), "arrays nested more than 8 deep");
    refuse(GgufBytes.header(3, 0, 1).str("general.alignment").u32(GgufValueType.UINT64.id()).u64(64).bytes(),
        "general.alignment: is of type u64, expected u32");
    refuse(GgufBytes.header(3, 0, 1).kvU32("general.alignment", 48).bytes(),
        "general.alignment: is 48, expected a power of two");
  }

  /** Control characters in names read from the file are escaped: the message stays on one line. */
  @Test
  void namesFromTheFileStayOnOneLine() throws Exception {
    refuse(GgufBytes.header(3, 0, 1).str("evil\nkey\r").u32(77).zeros(8).bytes(), "'evil\\u000akey\\u000d'");
  }

  /** Tensor infos: the name, n_dims, each ne, the type id, block-size divisibility and 64-bit element counts. */
  @Test
  void badTensorInfos() throws Exception {
    refuse(oneKv(1).tensor("x".repeat(64), new long[] {32}, F32, 0).pad(32).zeros(128).bytes(),
        "tensor #0: name length: is 64, expected at most 63");
    refuse(oneKv(1).tensor("t", new long[] {1, 1, 1, 1, 1}, F32, 0).pad(32).zeros(128).bytes(),
        "tensor #0 't': n_dims: is 5, expected 0..4");
    refuse(oneKv(1).tensor("t", new long[] {4, 1}, 4, 0).pad(32).zeros(128).bytes(),
        "tensor #0 't': type: ggml type id 4 is unknown");
    refuse(oneKv(1).tensor("t", new long[] {4, 1}, 40, 0).pad(32).zeros(128).bytes(), "ggml type id 40 is unknown");
    refuse(oneKv(1).tensor("t", new long[] {100, 2}, Q4_K, 0).pad(32).zeros(1024).bytes(),
        "tensor #0 't': ne[0]: is 100, expected a multiple of Q4_K's block size 256");
    refuse(oneKv(1).tensor("t", new long[] {-5, 2}, F32, 0).pad(32).zeros(128).bytes(),
        "ne[0]: is 18446744073709551611, expected at most 9223372036854775807");
    refuse(oneKv(1).tensor("t", new long[] {1L << 32, 1L << 32}, F32, 0).pad(32).zeros(128).bytes(),
        "dimensions [4294967296, 4294967296] have more elements than 2^63-1");
    refuse(oneKv(1).tensor("t", new long[] {1L << 31, 1L << 30}, F32, 0).pad(32).zeros(128).bytes(),
        "dimensions [2147483648, 1073741824] of F32 take more than 2^63-1 bytes");
    refuse(oneKv(2).tensor("t", new long[] {8}, F32, 0).tensor("t", new long[] {8}, F32, 32).pad(32).zeros(64)
        .bytes(), "tensor #1 't': name: appears twice, expected each tensor name once");
  }

  /** Offsets must be exactly contiguous and aligned, and the data must lie within the file. */
  @Test
  void badLayout() throws Exception {
    // two F32 tensors of 8 values (32 bytes each): offsets 0 and 32 are right
    GgufBytes ok = oneKv(2).tensor("a", new long[] {8}, F32, 0).tensor("b", new long[] {8}, F32, 32).pad(32)
        .zeros(64);
    assertThat(GgufFile.read(ok.write(dir.resolve("ok.gguf"))).tensors()).hasSize(2);
    refuse(oneKv(2).tensor("a", new long[] {8}, F32, 0).tensor("b", new long[] {8}, F32, 36).pad(32).zeros(96)
        .bytes(), "tensor #1 'b': offset: is 36, expected 32 (tensor data is contiguous in info order, each tensor"
        + " padded to 32 bytes)");
    refuse(oneKv(2).tensor("a", new long[] {8}, F32, 0).tensor("b", new long[] {8}, F32, 64).pad(32).zeros(128)
        .bytes(), "offset: is 64, expected 32");
    refuse(oneKv(1).tensor("a", new long[] {8}, F32, 4).pad(32).zeros(64).bytes(), "offset: is 4, expected 0");
    refuse(oneKv(2).tensor("a", new long[] {8}, F32, 0).tensor("b", new long[] {8}, F32, 32).pad(32).zeros(40)
        .bytes(), "tensor #1 'b': data: 32 bytes from byte", "(truncated file)");
    refuse(oneKv(1).tensor("a", new long[] {1L << 40}, F32, 0).pad(32).zeros(64).bytes(),
        "tensor #0 'a': data: 4398046511104 bytes");
  }

  /** A valid file cut short anywhere is refused with a one-line message; none of its prefixes parses. */
  @Test
  void truncatedAnywhere() throws Exception {
    Path full = dir.resolve("full.gguf");
    new GgufWriter().put("general.architecture", GgufValue.string("llama"))
        .put("tokenizer.ggml.tokens", GgufValue.strings(List.of("a", "bb", "ccc")))
        .put("t.nested", GgufValue.array(GgufValueType.ARRAY, List.of(GgufValue.f32s(1f, 2f))))
        .addTensor("w", TensorType.Q4_K, new long[] {256, 2}, Rows.normal(1, 512, 1))
        .addTensor("n", TensorType.F32, new long[] {3}, new float[] {1, 2, 3}).write(full);
    byte[] bytes = Files.readAllBytes(full);
    // the file may end right after the last tensor's data: only a cut before that must be refused
    GgufFile f = GgufFile.read(full);
    long lastEnd = f.dataOffset() + f.tensors().get(1).offset() + f.tensors().get(1).byteSize();
    for (int n = 0; n < lastEnd; n++) {
      refuse(Arrays.copyOf(bytes, n));
    }
    Path cut = Files.write(dir.resolve("cut.gguf"), Arrays.copyOf(bytes, (int) lastEnd));
    assertThat(GgufFile.read(cut).tensors()).hasSize(2);
  }

  /** A missing file or a directory is bad input too, not an IOException. */
  @Test
  void unreadableFiles() {
    assertThatThrownBy(() -> GgufFile.read(dir.resolve("nope.gguf"))).isInstanceOf(BadInputException.class)
        .hasMessage(dir.resolve("nope.gguf") + ": no such file");
    assertThatThrownBy(() -> GgufFile.read(dir)).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(dir + ": ");
  }

  /** The file type comes from general.file_type, else from the file's name as llama.cpp's tools write it. */
  @Test
  void fileTypeFromMetadataOrName() throws Exception {
    Path named = GgufBytes.header(3, 0, 0).write(dir.resolve("Llama-3.2-1B-Instruct-Q4_K_M.gguf"));
    assertThat(GgufFile.read(named).fileType()).contains("Q4_K_M");
    Path lower = GgufBytes.header(3, 0, 0).write(dir.resolve("model-q2_k_s.gguf"));
    assertThat(GgufFile.read(lower).fileType()).contains("Q2_K_S");
    Path dotted = GgufBytes.header(3, 0, 0).write(dir.resolve("tinyllama.Q8_0.gguf"));
    assertThat(GgufFile.read(dotted).fileType()).contains("Q8_0");
    Path none = GgufBytes.header(3, 0, 0).write(dir.resolve("model.gguf"));
    assertThat(GgufFile.read(none).fileType()).isEmpty();
    Path meta = GgufBytes.header(3, 0, 1).kvU32("general.file_type", 18).write(dir.resolve("model-q4_0.gguf"));
    assertThat(GgufFile.read(meta).fileType()).contains("Q6_K");
    Path unknownId = GgufBytes.header(3, 0, 1).kvU32("general.file_type", 999).write(dir.resolve("x-bf16.gguf"));
    assertThat(GgufFile.read(unknownId).fileType()).contains("BF16");
  }

  /** Reading a tensor of a type without a quantizer here is a one-line refusal, not a crash. */
  @Test
  void dequantizingAnUnsupportedTypeIsRefused() throws Exception {
    Path file = oneKv(1).tensor("iq", new long[] {256}, GgmlType.IQ4_XS.id(), 0).pad(32).zeros(136)
        .write(dir.resolve("iq.gguf"));
    GgufFile f = GgufFile.read(file);
    TensorInfo t = f.tensors().get(0);
    assertThat(t.type()).isEqualTo(GgmlType.IQ4_XS);
    assertThat(t.tensorType()).isEmpty();
    assertThat(f.readTensorBytes(t, 1000)).hasSize(136);
    assertThatThrownBy(() -> f.dequantize(t, 1000)).isInstanceOf(BadInputException.class)
        .hasMessage(file + ": tensor 'iq': type IQ4_XS cannot be dequantized here, expected one of F32, F16, BF16,"
            + " Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K");
  }
}
