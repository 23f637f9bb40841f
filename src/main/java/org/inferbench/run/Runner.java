package org.inferbench.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.inferbench.engine.ModelShape;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.Status;
import org.inferbench.workload.Isolation;
import org.inferbench.workload.Order;

/**
 * Drives planned configurations through sessions in the requested order and hands each finished record to the
 * sink at once (which appends it durably), so an interruption keeps everything measured before it. A failure
 * is recorded with its reason and the rest go on.
 */
public final class Runner {
  /** Receives each record the moment it is complete. */
  public interface Sink {
    void accept(ResultRecord record) throws Exception;
  }

  /** Progress callbacks (a progress bar); all optional. */
  public interface Listener {
    default void configurationStarted(Plan plan) {}

    default void requestMeasured(Plan plan) {}

    default void configurationFinished(ResultRecord record) {}
  }

  private final Isolation isolation;
  private final Order order;
  private final long seed;
  private final RecordBuilder records;
  private final Sink sink;
  private final Listener listener;

  public Runner(Isolation isolation, Order order, long seed, String runId, Sink sink, Listener listener) {
    this(isolation, order, seed, new RecordBuilder(runId, null), sink, listener);
  }

  public Runner(Isolation isolation, Order order, long seed, RecordBuilder records, Sink sink, Listener listener) {
    this.isolation = isolation;
    this.order = order;
    this.seed = seed;
    this.records = records;
    this.sink = sink;
    this.listener = listener;
  }

  /** Runs every plan; returns the records in the order they were finished. */
  public List<ResultRecord> run(List<Plan> plans) throws Exception {
    List<ResultRecord> out = new ArrayList<>();
    List<Plan> runnable = new ArrayList<>();
    for (Plan p : plans) {
      if (p.runnable()) {
        runnable.add(p);
      } else {
        emit(out, records.notMeasured(p, Status.NOT_APPLICABLE, p.notApplicable(), null));
      }
    }
    if (order == Order.SEQUENTIAL || runnable.size() < 2) {
      try (LastLoadedModel slot = new LastLoadedModel()) {
        for (Plan p : runnable) runSequential(p, slot, out);
      }
    } else {
      runInterleaved(runnable, out);
    }
    return out;
  }

  private void runSequential(Plan plan, LastLoadedModel slot, List<ResultRecord> out) throws Exception {
    listener.configurationStarted(plan);
    Active a = new Active(plan, session(plan, slot, true));
    try {
      a.open();
      while (a.stopReason == null) a.measureOne();
      emit(out, a.finish());
    } catch (Exception e) {
      emit(out, records.notMeasured(plan, Status.FAILED, Failures.oneLine(e), a.engineVersion()));
    } finally {
      a.session.close();
    }
  }

  private void runInterleaved(List<Plan> plans, List<ResultRecord> out) throws Exception {
    List<Active> active = new ArrayList<>();
    List<LastLoadedModel> slots = new ArrayList<>();
    try {
      for (Plan p : plans) {
        listener.configurationStarted(p);
        LastLoadedModel slot = new LastLoadedModel();
        slots.add(slot);
        Active a = new Active(p, session(p, slot, false));
        try {
          a.open();
          active.add(a);
        } catch (Exception e) {
          a.session.close();
          emit(out, records.notMeasured(p, Status.FAILED, Failures.oneLine(e), a.engineVersion()));
        }
      }
      Random shuffle = new Random(seed);
      while (!active.isEmpty()) {
        List<Active> round = new ArrayList<>(active);
        if (order == Order.SHUFFLED) Collections.shuffle(round, shuffle);
        for (Active a : round) {
          try {
            a.measureOne();
            if (a.stopReason != null) {
              active.remove(a);
              emit(out, a.finish());
              a.session.close();
            }
          } catch (Exception e) {
            active.remove(a);
            a.session.close();
            emit(out, records.notMeasured(a.plan, Status.FAILED, Failures.oneLine(e), a.engineVersion()));
          }
        }
      }
    } finally {
      for (Active a : active) a.session.close();
      for (LastLoadedModel s : slots) s.close();
    }
  }

  private ConfigurationSession session(Plan plan, LastLoadedModel slot, boolean alone) {
    return isolation == Isolation.PROCESS ? new WorkerSession(plan) : new LocalSession(plan, slot, alone);
  }

  private void emit(List<ResultRecord> out, ResultRecord r) throws Exception {
    sink.accept(r);
    out.add(r);
    listener.configurationFinished(r);
  }

  /** A configuration being measured: its session and the samples so far. */
  private final class Active {
    final Plan plan;
    final ConfigurationSession session;
    final List<long[]> requests = new ArrayList<>();
    final Metric headline;
    double[] headlineValues = new double[16];
    ConfigurationSession.Opened opened;
    String stopReason;
    long measuringNanos;

    Active(Plan plan, ConfigurationSession session) {
      this.plan = plan;
      this.session = session;
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

    void measureOne() throws Exception {
      long t0 = System.nanoTime();
      long[] offsets = session.measure(1).get(0);
      measuringNanos += System.nanoTime() - t0;
      requests.add(offsets);
      if (requests.size() > headlineValues.length) headlineValues = java.util.Arrays.copyOf(headlineValues, headlineValues.length * 2);
      ModelShape shape = plan.info().shape();
      headlineValues[requests.size() - 1] = MetricSamples.headlineOf(headline, shape, plan.configuration().batch(),
          plan.configuration().prompt(), offsets);
      listener.requestMeasured(plan);
      stopReason = StopRule.check(plan.configuration().params(), headlineValues, requests.size(), measuringNanos);
    }

    ResultRecord finish() throws Exception {
      Map<String, Object> trackers = session.finish();
      return records.ok(plan, opened, requests, trackers, stopReason);
    }
  }
}
