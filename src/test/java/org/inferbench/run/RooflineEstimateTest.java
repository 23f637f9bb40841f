package org.inferbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.inferbench.core.LogitPositions;
import org.inferbench.core.ModelFacts;
import org.inferbench.engine.ModelInfo;
import org.inferbench.core.ModelShape;
import org.inferbench.core.TensorType;
import org.inferbench.model.Presets;
import org.inferbench.roofline.Roofline;
import org.junit.jupiter.api.Test;

/** The dry-run estimate follows the model's work: longer outputs and no cache cost more; no facts, no estimate. */
final class RooflineEstimateTest {
  private static final Roofline ROOF = new Roofline(50e9, 500e9);

  @Test
  void growsWithWorkAndIsNaNWithoutFacts() throws Exception {
    ModelInfo gpt2 = new ModelInfo("gpt2", ModelShape.DECODER, 1024, 50257, new int[0], "h", "fp32",
        ModelFacts.uniform(Presets.get("gpt2").dims(), TensorType.F32, LogitPositions.EVERY), Map.of());
    double short32 = RooflineEstimate.seconds(gpt2, ROOF, 1, 128, 32, true);
    double long64 = RooflineEstimate.seconds(gpt2, ROOF, 1, 128, 64, true);
    double noCache = RooflineEstimate.seconds(gpt2, ROOF, 1, 128, 32, false);
    // 31 decode steps each reading ~0.5 GB at 35 GB/s: about 0.45 s, plus a prefill of ~32 GFLOP at 250 GFLOP/s
    assertThat(short32).isBetween(0.4, 1.0);
    assertThat(long64).isGreaterThan(short32 * 1.5);
    assertThat(noCache).isGreaterThan(short32 * 3);
    ModelInfo unknown = new ModelInfo("x", ModelShape.DECODER, 1024, 100, new int[0], "h", "fp32", null, Map.of());
    assertThat(RooflineEstimate.seconds(unknown, ROOF, 1, 128, 32, true)).isNaN();
  }
}
