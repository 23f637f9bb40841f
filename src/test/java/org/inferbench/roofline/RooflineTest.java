package org.inferbench.roofline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.inferbench.core.ModelFacts;
import org.inferbench.core.TransformerDims;
import org.junit.jupiter.api.Test;

/** MBU and MFU divide the analytic work by the measured time and the machine's roof, and the verdict follows. */
final class RooflineTest {
  private static final ModelFacts GPT2 = RooflineCountsTest.fp32(TransformerDims.gpt2Like(2, 64, 4, 256, 1_000, 128));

  @Test
  void decodeUsesTheMeanContextOfTheSteps() {
    // prompt 16, output 2: the one step runs at context 17 = 16 + 2/2; bytes 656,896 + 17,408 = 674,304
    Roofline machine = new Roofline(1.0e9, 1.0e10);
    PhaseRoofline decode = machine.decode(GPT2, 1, 16, 2, 674_304e-9 * 4);
    assertThat(decode.work()).isEqualTo(674_304.0);
    assertThat(decode.utilization()).isCloseTo(0.25, within(1e-12));
    assertThat(decode.ceilingSeconds()).isCloseTo(674_304e-9, within(1e-15));
    assertThat(decode.verdict()).isEqualTo(PhaseRoofline.Verdict.OVERHEAD_BOUND);
  }

  @Test
  void prefillNearItsRoofAtOrAboveHalfThePeak() {
    Roofline machine = new Roofline(1.0e9, 1.0e9);
    // 5,324,800 FLOPs in 8 ms at 1 GFLOP/s peak → 66.56 %
    PhaseRoofline prefill = machine.prefill(GPT2, 1, 16, 0.008);
    assertThat(prefill.utilization()).isCloseTo(0.6656, within(1e-12));
    assertThat(prefill.verdict()).isEqualTo(PhaseRoofline.Verdict.NEAR_ROOF);
    assertThat(prefill.ceilingSeconds()).isCloseTo(0.0053248, within(1e-15));
  }

  @Test
  void encoderMfuUsesTheForwardFlops() {
    Roofline machine = new Roofline(1.0e9, 1.0e9);
    ModelFacts bert = RooflineCountsTest.fp32(TransformerDims.bertLike(2, 64, 4, 256, 1_000, 128));
    PhaseRoofline enc = machine.encoder(bert, 1, 16, 0.032768);
    assertThat(enc.utilization()).isCloseTo(0.1, within(1e-12));
    assertThat(enc.phase()).isEqualTo("encoder");
  }
}
