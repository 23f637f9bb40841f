package org.inferbench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Drawn lengths depend only on the seed and the request's number, stay within their bounds (vLLM's for uniform, the
 * symmetric truncation for normal) and average the nominal length; a spread of 0 is the fixed length.
 */
final class LengthDistTest {
  private static final int N = 20_000;

  private static int[] draws(LengthDist d, int nominal, long seed) {
    return IntStream.range(0, N).map(i -> d.draw(nominal, LengthDist.forRequest(seed, i))).toArray();
  }

  /** The shortest and the longest length drawn. */
  private static int[] range(int[] v) {
    return new int[] {Arrays.stream(v).min().orElseThrow(), Arrays.stream(v).max().orElseThrow()};
  }

  private static double mean(int[] v) {
    return Arrays.stream(v).average().orElseThrow();
  }

  @Test
  void parsesTheTwoKindsAndFixed() {
    assertThat(LengthDist.parse("--length-dist", "uniform:0.25")).isEqualTo(new LengthDist(LengthDist.Kind.UNIFORM, 0.25));
    assertThat(LengthDist.parse("--length-dist", " Normal:0.10 ").label()).isEqualTo("normal:0.1");
    assertThat(LengthDist.parse("--length-dist", "fixed")).isNull();
    assertThat(LengthDist.parse("--length-dist", "uniform:0")).isNull();
    assertThat(LengthDist.parse("--length-dist", "normal:0.0")).isNull();
    assertThat(LengthDist.parse("length-dist", "normal:1").label()).isEqualTo("normal:1");
  }

  @Test
  void badSpecsAreNamed() {
    assertThatThrownBy(() -> LengthDist.parse("--length-dist", "gauss:0.1")).hasMessage("--length-dist: expected fixed,"
        + " uniform:R (vLLM's range ratio, R in [0, 1)) or normal:S (standard deviation S × the length, S in (0, 1]),"
        + " got 'gauss:0.1'");
    assertThatThrownBy(() -> LengthDist.parse("--length-dist", "uniform")).hasMessageStartingWith("--length-dist: expected fixed");
    assertThatThrownBy(() -> LengthDist.parse("--length-dist", "uniform:wide")).hasMessageEndingWith("got 'uniform:wide'");
    assertThatThrownBy(() -> LengthDist.parse("--length-dist", "uniform:1")).hasMessage(
        "--length-dist: expected uniform:R with R in [0, 1) (vLLM's range ratio), got 'uniform:1'");
    assertThatThrownBy(() -> LengthDist.parse("length-dist", "uniform:-0.2")).hasMessageStartingWith(
        "length-dist: expected uniform:R with R in [0, 1)");
    assertThatThrownBy(() -> LengthDist.parse("--length-dist", "normal:1.5")).hasMessage(
        "--length-dist: expected normal:S with S in (0, 1] (the standard deviation over the length), got 'normal:1.5'");
  }

  @Test
  void theSameSeedAndNumberDrawTheSameLengths() {
    LengthDist d = new LengthDist(LengthDist.Kind.NORMAL, 0.3);
    assertThat(draws(d, 128, 42)).isEqualTo(draws(d, 128, 42));
    assertThat(draws(d, 128, 42)).isNotEqualTo(draws(d, 128, 43));
    // a request's lengths do not depend on which requests were drawn before it
    assertThat(d.draw(128, LengthDist.forRequest(42, 7))).isEqualTo(draws(d, 128, 42)[7]);
  }

  @Test
  void uniformStaysInVllmsRangeAndAveragesTheLength() {
    LengthDist d = new LengthDist(LengthDist.Kind.UNIFORM, 0.25);
    int[] v = draws(d, 100, 42);
    assertThat(range(v)).containsExactly(75, 125);
    assertThat(Arrays.stream(v).distinct().count()).isEqualTo(51); // every length between, ends included
    assertThat(mean(v)).isCloseTo(100, within(0.5)); // standard error 0.1
    // 10 × (1 ± 0.1) is not exact in binary: the bounds stay 9 and 11
    LengthDist tenth = new LengthDist(LengthDist.Kind.UNIFORM, 0.1);
    assertThat(tenth.lowest(10)).isEqualTo(9);
    assertThat(tenth.longest(10)).isEqualTo(11);
    assertThat(range(draws(tenth, 10, 1))).containsExactly(9, 11);
    // never below 1 token
    LengthDist wide = new LengthDist(LengthDist.Kind.UNIFORM, 0.9);
    assertThat(range(draws(wide, 2, 3))).containsExactly(1, 4);
  }

  @Test
  void normalHasItsSpreadAndIsTruncatedSymmetricallySoTheMeanStays() {
    LengthDist d = new LengthDist(LengthDist.Kind.NORMAL, 0.1);
    int[] v = draws(d, 200, 42);
    double m = mean(v);
    double sd = Math.sqrt(Arrays.stream(v).mapToDouble(x -> (x - m) * (x - m)).sum() / (N - 1));
    assertThat(m).isCloseTo(200, within(0.6)); // standard error 0.14
    assertThat(sd).isCloseTo(20, within(0.6));
    // a spread so wide that a third of the draws fall outside [1, 2L − 1]: bounded, and the mean is still L
    LengthDist wide = new LengthDist(LengthDist.Kind.NORMAL, 1);
    int[] w = draws(wide, 10, 42);
    assertThat(range(w)).containsExactly(1, 19);
    assertThat(wide.longest(10)).isEqualTo(19);
    assertThat(mean(w)).isCloseTo(10, within(0.15));
    assertThat(draws(wide, 1, 42)).containsOnly(1);
  }

  @Test
  void anEncodersOutputOfZeroStaysZero() {
    RunParams p = TestParams.params(new LengthDist(LengthDist.Kind.UNIFORM, 0.5), null);
    assertThat(IntStream.range(0, 100).map(i -> sourceOf(p, 64, 0).at(i).output())).containsOnly(0);
    assertThat(new LengthDist(LengthDist.Kind.NORMAL, 0.5).longest(0)).isZero();
  }

  @Test
  void aSourceDrawsPromptAndOutputPerRequestAndFixedAsksForTheConfigurationsLengths() {
    RunParams drawn = TestParams.params(new LengthDist(LengthDist.Kind.UNIFORM, 0.5), null);
    RequestSource s = sourceOf(drawn, 64, 16);
    assertThat(s.varies()).isTrue();
    assertThat(s.at(3)).isEqualTo(sourceOf(drawn, 64, 16).at(3));
    assertThat(IntStream.range(0, 200).mapToObj(s::at)).allSatisfy(r -> {
      assertThat(r.prompt()).isBetween(32, 96);
      assertThat(r.output()).isBetween(8, 24);
      assertThat(r.text()).isNull();
    });
    assertThat(IntStream.range(0, 200).map(i -> s.at(i).prompt()).distinct().count()).isGreaterThan(40);
    RequestSource fixed = sourceOf(TestParams.params(null, null), 64, 16);
    assertThat(fixed.varies()).isFalse();
    assertThat(fixed.at(5)).isEqualTo(new RequestInput(64, 16, null));
  }

  private static RequestSource sourceOf(RunParams p, int prompt, int output) {
    try {
      return RequestSource.of(p, prompt, output);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
