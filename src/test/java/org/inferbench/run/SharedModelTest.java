package org.inferbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.inferbench.InferBench;
import org.inferbench.results.ResultRecord;
import org.inferbench.workload.Isolation;
import org.junit.jupiter.api.Test;

/**
 * Under a time budget, the configurations one loaded model serves share one worker: the model is loaded and its
 * cold request timed once, for the first; the others warm up on it and say why they record no memory figures.
 */
final class SharedModelTest {
  @Test
  void aModelIsLoadedOnceForAllItsLengths() throws Exception {
    List<ResultRecord> r = InferBench.workload().model("m").engine("calibration")
        .engineOpt("prefill-us-per-token", "100").prompt(16, 32, 64).output(1).warmup(1).minRuns(3).targetCi(50)
        .isolate(Isolation.PROCESS).timeBudget(Duration.ofSeconds(60)).run();
    assertThat(r).hasSize(3).allMatch(ResultRecord::ok);
    assertThat(r.stream().filter(x -> x.trackers().modelLoadMs() != null)).hasSize(1);
    assertThat(r.stream().filter(x -> x.trackers().coldLatencyMs() != null)).hasSize(1);
    for (ResultRecord x : r) {
      assertThat(x.stats(x.headline()).count()).isGreaterThanOrEqualTo(3);
      assertThat(x.trackers().peakRssMb()).isNull();
      assertThat(x.trackers().notes().get("memory")).contains("3 configurations shared one loaded model");
    }
  }

  @Test
  void otherSettingsAreAnotherLoadedModel() throws Exception {
    List<ResultRecord> r = InferBench.workload().model("m").engine("calibration")
        .engineOpt("prefill-us-per-token", "100", "200").prompt(16).output(1).warmup(1).minRuns(3).targetCi(50)
        .isolate(Isolation.PROCESS).timeBudget(Duration.ofSeconds(60)).run();
    assertThat(r).hasSize(2).allMatch(ResultRecord::ok);
    // each in a worker of its own, with its own load, cold request and memory
    assertThat(r).allMatch(x -> x.trackers().modelLoadMs() != null && x.trackers().peakRssMb() != null);
  }
}
