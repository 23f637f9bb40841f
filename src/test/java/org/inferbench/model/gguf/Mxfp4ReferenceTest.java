package org.inferbench.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.inferbench.model.HfConfig;
import org.inferbench.model.ModelFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * InferBench's MXFP4_MOE file of a tiny gpt-oss is byte for byte the file llama-quantize makes from InferBench's F32
 * file of the same model: every tensor at the same type (MXFP4 experts, Q8_0 matrices, F32 router and vectors) with
 * the same bytes. The referee is llama.cpp's own quantizer (found through {@code inferbench.llama.bin}).
 */
final class Mxfp4ReferenceTest {
  @TempDir Path dir;

  @Test
  void mxfp4MoeFileEqualsLlamaQuantizes() throws Exception {
    LlamaCppTools.bin();
    HfConfig c = TinyDecoders.all().get("gpt-oss-20b");
    Path f32 = new GgufFormat().write(c, dir.resolve("f32"), new ModelFormat.Synthesis("F32", null, 5)).get(0);
    Path ours = new GgufFormat().write(c, dir.resolve("mx"), new ModelFormat.Synthesis("MXFP4_MOE", null, 5)).get(0);
    Path theirs = dir.resolve("llama-quantize.gguf");
    LlamaCppTools.Result r = LlamaCppTools.run(120, "llama-quantize", f32.toString(), theirs.toString(), "MXFP4_MOE");
    assertThat(r.exit()).as(r.output()).isZero();
    GgufFile a = GgufFile.read(ours);
    GgufFile b = GgufFile.read(theirs);
    assertThat(a.tensors()).hasSameSizeAs(b.tensors());
    int mxfp4 = 0;
    for (TensorInfo t : b.tensors()) {
      TensorInfo u = a.tensor(t.name()).orElseThrow();
      assertThat(u.type()).as(t.name()).isEqualTo(t.type());
      assertThat(bytes(ours, a, u)).as(t.name()).isEqualTo(bytes(theirs, b, t));
      if (t.type() == GgmlType.MXFP4) mxfp4++;
    }
    assertThat(mxfp4).isEqualTo(3 * c.layers());
  }

  private static byte[] bytes(Path file, GgufFile f, TensorInfo t) throws Exception {
    try (FileChannel ch = FileChannel.open(file)) {
      ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(t.byteSize()));
      long pos = f.dataOffset() + t.offset();
      while (b.hasRemaining()) {
        int n = ch.read(b, pos);
        if (n < 0) throw new AssertionError(t.name() + ": file ends early");
        pos += n;
      }
      return b.array();
    }
  }
}
