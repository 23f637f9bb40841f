package org.inferbench.model.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary: every tiny model writes, checks and loads. */
final class SmokeTest {
  @TempDir Path dir;

  @Test
  void all() throws Exception {
    for (var c : new org.inferbench.model.ModelConfig[] {TinyConfigs.gpt2(), TinyConfigs.bert(),
        TinyConfigs.modernBert(), TinyConfigs.t5()}) {
      for (String layout : new String[] {"single", "merged", "split"}) {
        for (String dtype : new String[] {"fp32", "fp16", "int8"}) {
          Path out = dir.resolve(c.architecture() + layout + dtype);
          for (Path f : OnnxModelWriter.write(c, out, dtype, layout, 7)) {
            System.out.println(f + " " + java.nio.file.Files.size(f));
            assertThat(Onnx.check(f)).as(f.toString()).isEmpty();
            try (var s = Onnx.session(f)) {
              System.out.println(s.getInputNames() + " -> " + s.getOutputNames());
            }
          }
        }
      }
    }
  }
}
