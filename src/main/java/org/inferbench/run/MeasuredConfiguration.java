package org.inferbench.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.inferbench.engine.ModelShape;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;
import org.inferbench.stats.StudentT;

/** A configuration being measured: its session, the requests so far and why it stopped (null while it goes on). */
final class MeasuredConfiguration {
  final Plan plan;
  final ConfigurationSession session;
  private final List<MeasuredRequest> requests = new ArrayList<>();
  private final Metric headline;
  private final Runner.Listener listener;
  private double[] headlineValues = new double[16];
  private ConfigurationSession.Opened opened;
  private String stopReason;
  /** Wall time of the measure calls: the requests with the worker protocol around them. */
  private long measuringNanos;

  MeasuredConfiguration(Plan plan, ConfigurationSession session, Runner.Listener listener) {
    this.plan = plan;
    this.session = session;
    this.listener = listener;
    String h = plan.configuration().params().headline();
    this.headline = h != null ? Metric.byKey(h) : Metric.defaultHeadline(plan.info().shape());
  }

  void open() throws Exception {
    opened = session.open();
    session.warmup(plan.configuration().params().warmup());
  }

  String engineVersion() {
    return opened != null ? opened.engineVersion() : null;
  }

  /** Measures one request and applies the stop rule (fixed count, target CI, max-runs, max-time). */
  void measureOne() throws Exception {
    long t0 = System.nanoTime();
    MeasuredRequest request = session.measure(1).get(0);
    measuringNanos += System.nanoTime() - t0;
    requests.add(request);
    if (requests.size() > headlineValues.length) headlineValues = Arrays.copyOf(headlineValues, headlineValues.length * 2);
    ModelShape shape = plan.info().shape();
    headlineValues[requests.size() - 1] = MetricSamples.headlineOf(headline, shape, plan.configuration().batch(),
        request);
    listener.requestMeasured(plan);
    stopReason = StopRule.check(plan.configuration().params(), headlineValues, requests.size(), measuringNanos);
  }

  /** Ends measuring early for a reason of the scheduler's (out of the time budget). */
  void stop(String reason) {
    if (stopReason == null) stopReason = reason;
  }

  boolean stopped() {
    return stopReason != null;
  }

  int count() {
    return requests.size();
  }

  /** The headline's mean and Student-t 95 % half-width so far (the stop rule's view; NaN below two requests). */
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
    Map<String, Object> trackers = session.finish();
    return records.ok(plan, opened, requests, trackers, stopReason);
  }
}
