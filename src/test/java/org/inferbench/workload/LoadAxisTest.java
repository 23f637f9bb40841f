package org.inferbench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Concurrency and request rate are axes like batch: each value a configuration with its own label; bad values named. */
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
}
