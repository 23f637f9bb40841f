package org.inferbench.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.inferbench.core.ModelShape;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;
import org.inferbench.stats.StudentT;

/**
 * A configuration being measured in forks: each fork a session of its own (a fresh worker process, or a round on
 * the loaded model in this JVM), opened, warmed up, given its share of the requests and closed, so that the spread
 * between forks — the machine and the process changing between them — is measured rather than assumed away. The
 * scheduler opens the forks in rounds across the run's configurations; each request keeps its fork and round.
 *
 * <p>Fixed runs are split evenly over the forks. Adaptive runs ({@code --target-ci}) give each fork
 * ⌈min-runs ÷ forks⌉ requests (at least 2) and add forks until the CI over the fork means reaches the target: when
 * the spread sits between forks, more forks narrow the interval and more requests per fork do not. Under a time
 * budget there is one fork and the stop rule looks at each request ({@link Allocation}).
 */
final class MeasuredConfiguration {
  final Plan plan;
  /** The current fork's session; null between forks. */
  ConfigurationSession session;
  private final int forks;
  private final boolean processes;
  private final Runner.Listener listener;
  private final Metric headline;
  private final List<MeasuredRequest> requests = new ArrayList<>();
  private final List<Integer> forkOf = new ArrayList<>();
  private final List<Integer> roundOf = new ArrayList<>();
  private final List<String> failedForks = new ArrayList<>();
  private final ForkTrackers trackers = new ForkTrackers();
  private double[] headlineValues = new double[16];
  private ConfigurationSession.Opened opened;
  private String stopReason;
  /** Why the configuration could not be measured at all (its first fork failed before a request); null if not. */
  private String failure;
  private int fork = -1;
  private int round;
  private int inFork;
  /** Wall time of the measure calls: the requests with the worker protocol around them. */
  private long measuringNanos;

  /**
   * @param forks how many forks to measure in (a minimum when adaptive); 1 for a single session
   * @param processes whether each fork is a process of its own; if not (this JVM), the forks are rounds of one
   *     process and recorded so: one fork, as many rounds
   */
  MeasuredConfiguration(Plan plan, int forks, boolean processes, Runner.Listener listener) {
    this.plan = plan;
    this.processes = processes;
    var p = plan.configuration().params();
    this.forks = p.runs() != null ? Math.max(1, Math.min(forks, p.runs())) : Math.max(1, forks);
    this.listener = listener;
    String h = p.headline();
    this.headline = h != null ? Metric.byKey(h) : Metric.defaultHeadline(plan.info().shape());
  }

  /**
   * Opens the next fork on {@code s} in round {@code round} and warms it up. A failure of the first fork before any
   * request fails the configuration (the same failure would meet every fork); a later fork's failure is recorded
   * and the configuration goes on with the forks it has.
   *
   * @return whether the fork is open and ready to measure
   */
  boolean openFork(ConfigurationSession s, int round) {
    session = s;
    fork++;
    this.round = round;
    inFork = 0;
    try {
      ConfigurationSession.Opened o = s.open();
      if (opened == null) opened = o; // load times and the cold request: the first fork's
      s.warmup(plan.configuration().params().warmup());
      return true;
    } catch (Exception e) {
      forkFailed(e);
      return false;
    }
  }

  /** Whether the current fork has measured its share (or the configuration has stopped). */
  boolean forkDone() {
    return session == null || stopReason != null || failure != null || inFork >= forkQuota();
  }

  private int forkQuota() {
    var p = plan.configuration().params();
    if (forks == 1 && fork == 0) return Integer.MAX_VALUE; // one session: the per-request stop rule ends it
    if (p.runs() != null) return p.runs() / forks + (fork < p.runs() % forks ? 1 : 0);
    return Math.max(2, (p.minRuns() + forks - 1) / forks);
  }

  /** Measures one request of the open fork; a failure ends the fork (see {@link #openFork}). */
  void measureOne() {
    long t0 = System.nanoTime();
    MeasuredRequest request;
    try {
      request = session.measure(1).get(0);
    } catch (Exception e) {
      forkFailed(e);
      return;
    }
    measuringNanos += System.nanoTime() - t0;
    requests.add(request);
    forkOf.add(fork);
    roundOf.add(round);
    inFork++;
    if (requests.size() > headlineValues.length) headlineValues = Arrays.copyOf(headlineValues, headlineValues.length * 2);
    ModelShape shape = plan.info().shape();
    headlineValues[requests.size() - 1] = MetricSamples.headlineOf(headline, shape, plan.configuration().batch(),
        request);
    listener.requestMeasured(plan);
    var p = plan.configuration().params();
    if (forks == 1) {
      stopReason = StopRule.check(p, headlineValues, requests.size(), measuringNanos);
    } else if (p.runs() == null) {
      // adaptive in forks: the bounds hold at every request, the target is judged once a fork is complete
      if (requests.size() >= p.maxRuns()) stopReason = "max-runs";
      else if (measuringNanos >= p.maxTimeS() * 1e9 && forkMeans().length >= 2) stopReason = "max-time";
    }
  }

  /** Ends the open fork: its trackers are kept and the session closed; then whether to go on is decided. */
  void closeFork() {
    if (session == null) return;
    try {
      if (inFork > 0) trackers.add(session.finish());
    } catch (Exception e) {
      failedForks.add("fork " + fork + ": " + Failures.oneLine(e));
    } finally {
      session.close();
      session = null;
    }
    if (stopReason != null || failure != null) return;
    var p = plan.configuration().params();
    int measuredForks = forkMeans().length;
    if (p.runs() != null) {
      if (fork + 1 >= forks) stopReason = "fixed-runs";
    } else if (measuredForks >= forks && targetReached(p.targetCi())) {
      stopReason = "target-ci";
    }
  }

  private void forkFailed(Exception e) {
    if ((requests.isEmpty() && fork == 0) || forks == 1) {
      failure = Failures.oneLine(e);
    } else {
      failedForks.add("fork " + fork + ": " + Failures.oneLine(e));
    }
    if (session != null) session.close();
    session = null;
    var p = plan.configuration().params();
    // a fixed split has as many forks as it planned, dead ones included: the configuration ends with the last
    if (failure == null && p.runs() != null && fork + 1 >= forks) stopReason = "fixed-runs";
    // adaptive runs add forks: as many dead ones as the minimum of forks is enough to stop asking for more
    if (failure == null && stopReason == null && failedForks.size() >= forks) stopReason = "forks-failed";
  }

  /** Closes the open fork's session without reading its trackers (the configuration is being abandoned). */
  void closeSession() {
    if (session != null) session.close();
    session = null;
  }

  private boolean targetReached(double targetPct) {
    double[] means = forkMeans();
    if (means.length < 2) return false;
    double half = StudentT.halfWidth(means, 0.95);
    return half <= targetPct / 100 * Math.abs(Arrays.stream(means).average().orElse(Double.NaN));
  }

  /** The headline's mean per fork that measured requests, in fork order. */
  private double[] forkMeans() {
    double[] sum = new double[fork + 1];
    int[] n = new int[fork + 1];
    for (int i = 0; i < requests.size(); i++) {
      if (Double.isNaN(headlineValues[i])) continue;
      sum[forkOf.get(i)] += headlineValues[i];
      n[forkOf.get(i)]++;
    }
    return java.util.stream.IntStream.range(0, sum.length).filter(k -> n[k] > 0).mapToDouble(k -> sum[k] / n[k])
        .toArray();
  }

  /** Ends measuring early for a reason of the scheduler's (out of the time budget). */
  void stop(String reason) {
    if (stopReason == null) stopReason = reason;
  }

  boolean stopped() {
    return stopReason != null || failure != null;
  }

  /** Why the configuration could not be measured at all, or null. */
  String failure() {
    return failure;
  }

  String engineVersion() {
    return opened != null ? opened.engineVersion() : null;
  }

  int count() {
    return requests.size();
  }

  /** The headline's mean and Student-t 95 % half-width so far (the budget's view; NaN below two requests). */
  double mean() {
    double s = 0;
    for (int i = 0; i < requests.size(); i++) s += headlineValues[i];
    return s / requests.size();
  }

  double halfWidth() {
    return requests.size() < 2 ? Double.NaN : StudentT.halfWidth(Arrays.copyOf(headlineValues, requests.size()), 0.95);
  }

  /** Wall time per measured request as the scheduler sees it (protocol and process switch included). */
  double secondsPerRequest() {
    return requests.isEmpty() ? Double.NaN : measuringNanos / 1e9 / requests.size();
  }

  ResultRecord finish(RecordBuilder records) throws Exception {
    closeFork();
    if (requests.isEmpty()) {
      throw new IllegalStateException("no fork measured a request: " + String.join("; ", failedForks));
    }
    Map<String, Object> merged = trackers.merged();
    List<Integer> forkLabels = processes ? forkOf : java.util.Collections.nCopies(forkOf.size(), 0);
    return records.ok(plan, opened, new RecordBuilder.Measured(requests, forkLabels, roundOf, failedForks), merged,
        stopReason);
  }
}
