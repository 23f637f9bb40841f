package org.inferbench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Concurrency and request rate are axes like batch: each value a configuration with its own label; bad values named.
 * A ramp-up and a request timeout join every load's label (and so its config_key) only when given.
 */
final class LoadAxisTest {
  private static WorkloadSpec build(WorkloadBuilder b) {
    b.models = List.of(LabelledModel.of("m"));
    b.engines = List.of("calibration");
    return b.build(new WorkloadBuilder.Defaults(List.of(), List.of(), List.of(16), List.of(4), Isolation.NONE));
  }

  @Test
  void eachConcurrencyAndRateIsAConfiguration() {
    WorkloadBuilder b = new WorkloadBuilder();
    b.concurrency = List.of(1, 4);
    b.requestRate = Load.parseRates("--request-rate", "2.5,inf");
    b.arrival = "gamma";
    b.burstiness = 0.5;
    List<Configuration> c = Grid.expand(build(b));
    assertThat(c).extracting(x -> x.load().label()).containsExactly("c1", "c4", "r2.5/s gamma b0.5", "rinf");
    assertThat(Grid.expand(build(new WorkloadBuilder()))).singleElement().extracting(Configuration::load).isNull();
    // a closed loop's concurrency is its own limit: --max-concurrency goes to the rates only
    WorkloadBuilder capped = new WorkloadBuilder();
    capped.concurrency = List.of(4);
    capped.requestRate = List.of(2.0);
    capped.maxConcurrency = 3;
    assertThat(Grid.expand(build(capped))).extracting(x -> x.load().label()).containsExactly("c4", "r2/s poisson max3");
  }

  @Test
  void aSweepFileTakesTheSameKeys() throws Exception {
    java.nio.file.Path f = java.nio.file.Files.createTempFile("load", ".yaml");
    java.nio.file.Files.writeString(f, "model: m\nengine: calibration\nconcurrency: [1, 8]\nslo: ttft=500ms\n");
    WorkloadBuilder b = new WorkloadBuilder();
    WorkloadFile.load(f, b);
    WorkloadSpec s = build(b);
    assertThat(s.loads()).extracting(Load::label).containsExactly("c1", "c8");
    assertThat(s.params().slo()).isEqualTo("ttft=500ms");
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> Load.parseRates("--request-rate", "fast")).hasMessage(
        "--request-rate: expected requests per second or inf, got 'fast'");
    WorkloadBuilder b = new WorkloadBuilder();
    b.requestRate = List.of(1.0);
    b.arrival = "bursty";
    assertThatThrownBy(() -> build(b)).hasMessage("arrival: expected poisson, constant or gamma, got 'bursty'");
    WorkloadBuilder lone = new WorkloadBuilder();
    lone.maxConcurrency = 4;
    assertThatThrownBy(() -> build(lone)).hasMessageStartingWith("arrival/burstiness/max-concurrency: give --request-rate");
    WorkloadBuilder slo = new WorkloadBuilder();
    slo.slo = "p99=1s";
    assertThatThrownBy(() -> build(slo)).hasMessageStartingWith("--slo: expected ttft=D");
  }

  private static String key(Load load) {
    return org.inferbench.results.ConfigKey.of(new org.inferbench.results.WorkloadRecord("m", null, java.util.Map.of(),
        "fp32", "openai", java.util.Map.of(), "decoder", 1, 16, 4, "random:seed=42", false, 2, 10, null, null, null,
        null, "e2e", 42, "sequential", "none", null, load == null ? null : load.label(), null, null));
  }

  @Test
  void rampUpAndRequestTimeoutJoinTheLabelAndKeyOnlyWhenGiven() throws Exception {
    WorkloadBuilder plain = new WorkloadBuilder();
    plain.concurrency = List.of(16);
    plain.requestRate = List.of(2.0);
    List<Load> before = build(plain).loads();
    // unset: the labels (and so the config_keys) of every load before these options existed
    assertThat(before).extracting(Load::label).containsExactly("c16", "r2/s poisson");
    assertThat(key(before.get(0))).isEqualTo(key(new Load(16, null, null, 1, 0, 0)));
    WorkloadBuilder ramped = plain.copy();
    ramped.rampUpS = 10.0;
    ramped.requestTimeoutS = 30.0;
    List<Load> after = build(ramped).loads();
    assertThat(after).extracting(Load::label)
        .containsExactly("c16 ramp 10s timeout 30s", "r2/s poisson ramp 10s timeout 30s");
    assertThat(key(after.get(0))).isNotEqualTo(key(before.get(0)));
    // the same from a workload file, durations in any of the usual forms
    java.nio.file.Path f = java.nio.file.Files.createTempFile("ramp", ".yaml");
    java.nio.file.Files.writeString(f, "concurrency: 4\nramp-up: 500ms\nrequest-timeout: 2m\n");
    WorkloadBuilder b = new WorkloadBuilder();
    WorkloadFile.load(f, b);
    assertThat(build(b).loads()).extracting(Load::label).containsExactly("c4 ramp 0.5s timeout 120s");
  }

  @Test
  void rampUpAndRequestTimeoutNeedALoadThatCanTakeThem() {
    WorkloadBuilder none = new WorkloadBuilder();
    none.requestTimeoutS = 5.0;
    assertThatThrownBy(() -> build(none)).hasMessage(
        "request-timeout: applies to serving loads; give --concurrency, --request-rate or --load too");
    WorkloadBuilder inf = new WorkloadBuilder();
    inf.requestRate = Load.parseRates("--request-rate", "inf");
    inf.rampUpS = 5.0;
    assertThatThrownBy(() -> build(inf)).hasMessage(
        "ramp-up: needs a finite request rate (inf sends every request at once)");
    WorkloadBuilder sweep = new WorkloadBuilder();
    sweep.loadSweep = "sweep:3";
    sweep.rampUpS = 5.0;
    assertThatThrownBy(() -> build(sweep)).hasMessageStartingWith("ramp-up: not with --load sweep");
    // a sweep's points keep its timeout
    sweep.rampUpS = null;
    sweep.requestTimeoutS = 30.0;
    Load s = build(sweep).loads().get(0);
    assertThat(s.label()).isEqualTo("sweep:3 timeout 30s");
    assertThat(s.atRate(2.5).label()).isEqualTo("r2.5/s poisson timeout 30s");
    java.nio.file.Path f;
    try {
      f = java.nio.file.Files.createTempFile("ramp", ".yaml");
      java.nio.file.Files.writeString(f, "concurrency: 4\nramp-up: soon\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThatThrownBy(() -> WorkloadFile.load(f, new WorkloadBuilder()))
        .hasMessageContaining("ramp-up: expected a duration such as 500ms, 90s, 5m or 1h, got 'soon'");
  }
}
