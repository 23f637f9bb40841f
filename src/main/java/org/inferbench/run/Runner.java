package org.inferbench.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.Status;
import org.inferbench.workload.Isolation;
import org.inferbench.workload.Order;

/**
 * Drives planned configurations through sessions in the requested order and hands each finished record to the
 * sink at once (which appends it durably), so an interruption keeps everything measured before it. A failure
 * is recorded with its reason and the rest go on. Each configuration is measured in forks, taken in rounds across
 * the configurations ({@link MeasuredConfiguration}); configurations that take turns are loaded a window at a time,
 * as many as memory allows. Under a time budget each window gets its share of the time, every configuration its
 * minimum runs in one fork, and the rest goes by {@link Allocation}.
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
  private final Random shuffle;
  private final RecordBuilder records;
  private final Sink sink;
  private final Listener listener;
  private TimeBudget budget;
  private ClientFleet fleet;
  private PlanEstimate estimate = PlanEstimate.fresh();

  public Runner(Isolation isolation, Order order, long seed, String runId, Sink sink, Listener listener) {
    this(isolation, order, seed, new RecordBuilder(runId, null), sink, listener);
  }

  public Runner(Isolation isolation, Order order, long seed, RecordBuilder records, Sink sink, Listener listener) {
    this.isolation = isolation;
    this.order = order;
    this.shuffle = new Random(seed);
    this.records = records;
    this.sink = sink;
    this.listener = listener;
  }

  /**
   * Measures within this budget (adaptive plans only): see {@link TimeBudget}; windows of configurations share it in
   * proportion to their estimated minimum.
   */
  public Runner budget(TimeBudget b, PlanEstimate estimates) {
    this.budget = b;
    this.estimate = estimates;
    return this;
  }

  /** Loads are driven from these client processes (null: from this JVM). */
  public Runner clients(ClientFleet f) {
    this.fleet = f;
    return this;
  }

  /** Runs every plan; returns the records in the order they were finished. */
  public List<ResultRecord> run(List<Plan> plans) throws Exception {
    List<ResultRecord> out = new ArrayList<>();
    List<Plan> runnable = new ArrayList<>();
    for (Plan p : plans) {
      if (p.runnable() && p.configuration().load() != null) {
        underLoad(p, out);
      } else if (p.runnable()) {
        runnable.add(p);
      } else {
        emit(out, records.notMeasured(p, Status.NOT_APPLICABLE, p.notApplicable(), null));
      }
    }
    if (budget != null) {
      underBudget(LoadWindows.byModel(runnable, LoadWindows.usableBytes()), out);
    } else if (!runnable.isEmpty()) {
      inRounds(runnable, out);
    }
    return out;
  }

  /**
   * Every configuration in forks, taken in rounds: round r opens fork r of each configuration still measuring (one
   * after another, or a window at a time taking turns a request each), so each configuration's forks are spread over
   * the run and interleaved with the others' — the machine's drift lands in the spread between forks, where the CI
   * sees it, and on every configuration alike.
   */
  private void inRounds(List<Plan> runnable, List<ResultRecord> out) throws Exception {
    Map<Plan, MeasuredConfiguration> live = new java.util.LinkedHashMap<>();
    for (Plan p : runnable) live.put(p, new MeasuredConfiguration(p, p.configuration().params().forkCount(),
        isolation == Isolation.PROCESS, listener));
    boolean oneAtATime = order == Order.SEQUENTIAL || runnable.size() < 2;
    // in this JVM one slot keeps the model loaded from round to round when one model is measured
    try (LastLoadedModel slot = new LastLoadedModel()) {
      for (int round = 0; !live.isEmpty(); round++) {
        List<MeasuredConfiguration> pass = new ArrayList<>(live.values());
        if (round == 0) pass.forEach(a -> listener.configurationStarted(a.plan));
        if (oneAtATime) {
          for (MeasuredConfiguration a : pass) {
            if (a.openFork(session(a.plan, slot, true, round), round)) {
              while (!a.forkDone()) a.measureOne();
            }
            a.closeFork();
            // its record is appended the moment its last fork ends: an interruption keeps it
            if (a.stopped()) {
              live.remove(a.plan);
              finishForks(a, out);
            }
          }
        } else {
          List<Plan> plans = pass.stream().map(a -> a.plan).toList();
          for (List<Plan> window : LoadWindows.consecutive(plans, LoadWindows.usableBytes())) {
            List<MeasuredConfiguration> turn = window.stream().map(live::get).toList();
            forkWindow(turn, round);
            for (MeasuredConfiguration a : turn) {
              if (a.stopped()) {
                live.remove(a.plan);
                finishForks(a, out);
              }
            }
          }
        }
      }
    }
  }

  /** One round of a window of configurations: each opens a fork, they take turns a request each, the forks close. */
  private void forkWindow(List<MeasuredConfiguration> window, int round) {
    List<LastLoadedModel> slots = new ArrayList<>();
    try {
      List<MeasuredConfiguration> open = new ArrayList<>();
      for (MeasuredConfiguration a : window) {
        LastLoadedModel slot = new LastLoadedModel();
        slots.add(slot);
        if (a.openFork(session(a.plan, slot, false, round), round)) open.add(a);
      }
      while (open.stream().anyMatch(a -> !a.forkDone())) {
        List<MeasuredConfiguration> turn = new ArrayList<>(open);
        if (order == Order.SHUFFLED) Collections.shuffle(turn, shuffle);
        for (MeasuredConfiguration a : turn) {
          if (!a.forkDone()) a.measureOne();
        }
      }
    } finally {
      for (MeasuredConfiguration a : window) a.closeFork();
      for (LastLoadedModel s : slots) s.close();
    }
  }

  private void finishForks(MeasuredConfiguration a, List<ResultRecord> out) throws Exception {
    if (a.failure() != null) {
      emit(out, records.notMeasured(a.plan, Status.FAILED, a.failure(), a.engineVersion()));
      return;
    }
    try {
      emit(out, a.finish(records));
    } catch (Exception e) {
      emit(out, records.notMeasured(a.plan, Status.FAILED, Failures.oneLine(e), a.engineVersion()));
    }
  }

  /** A serving benchmark's configuration: its requests in flight at once, in this JVM (see {@link LoadMeasurement}). */
  private void underLoad(Plan plan, List<ResultRecord> out) throws Exception {
    listener.configurationStarted(plan);
    try {
      if (plan.configuration().load().sweep() > 0) {
        LoadMeasurement.sweep(plan, records, r -> emit(out, r), fleet);
      } else {
        emit(out, LoadMeasurement.measure(plan, records, fleet));
      }
    } catch (Exception e) {
      emit(out, records.notMeasured(plan, Status.FAILED, Failures.oneLine(e), null));
    }
  }

  /**
   * A time budget's windows, each configuration in one fork (one session) that the budget's requests go to one at a
   * time ({@link Allocation}); its record says that the spread between runs was not measured.
   */
  private void underBudget(List<List<Plan>> windows, List<ResultRecord> out) throws Exception {
    boolean workers = isolation == Isolation.PROCESS;
    double[] minimums = new double[windows.size()];
    for (int w = 0; w < windows.size(); w++) minimums[w] = TimeBudget.minimumSeconds(windows.get(w), workers, estimate);
    for (int w = 0; w < windows.size(); w++) {
      List<LastLoadedModel> slots = new ArrayList<>();
      List<MeasuredConfiguration> active = new ArrayList<>();
      Map<Plan, SharedModel> shared = new HashMap<>();
      try {
        long start = System.nanoTime();
        for (List<Plan> model : LoadWindows.byLoadedModel(windows.get(w))) {
          SharedModel m = new SharedModel(model, workers);
          for (Plan p : model) shared.put(p, m);
        }
        for (Plan p : windows.get(w)) open(p, shared.get(p), slots, active, out);
        takeTurns(active, windows.get(w).get(0).configuration().params().minRuns(), out);
        // what this window's minimum really took says how far off the estimates of the later ones are
        double took = (System.nanoTime() - start) / 1e9;
        double factor = minimums[w] > 0 ? Math.max(1, took / minimums[w]) : 1;
        for (int j = w + 1; j < windows.size(); j++) minimums[j] *= factor;
        long sliceEnd = System.nanoTime() + (long) (spareShare(windows, minimums, w) * 1e9);
        allocate(active, sliceEnd, out);
      } finally {
        for (MeasuredConfiguration a : active) a.closeSession();
        for (LastLoadedModel s : slots) s.close();
        new java.util.HashSet<>(shared.values()).forEach(SharedModel::close);
      }
    }
  }

  /**
   * Window {@code w}'s extra time, once its minimum is measured: of what the later windows' minimums leave of the
   * time, a part in proportion to its configurations — every configuration has the same claim on the time that
   * tightens CIs, however much its model costs to open.
   */
  private double spareShare(List<List<Plan>> windows, double[] minimums, int w) {
    double left = Math.max(0, budget.measuringLeftS());
    double laterMinimums = 0;
    int configurations = 0;
    for (int j = w; j < windows.size(); j++) {
      if (j > w) laterMinimums += minimums[j];
      configurations += windows.get(j).size();
    }
    return Math.max(0, left - laterMinimums) * windows.get(w).size() / configurations;
  }

  private void open(Plan p, SharedModel shared, List<LastLoadedModel> slots, List<MeasuredConfiguration> active,
      List<ResultRecord> out) throws Exception {
    listener.configurationStarted(p);
    ConfigurationSession session;
    if (shared != null) {
      session = shared.session(p);
    } else {
      LastLoadedModel slot = new LastLoadedModel();
      slots.add(slot);
      session = session(p, slot, false, 0);
    }
    MeasuredConfiguration a = new MeasuredConfiguration(p, 1, isolation == Isolation.PROCESS, listener);
    if (a.openFork(session, 0)) {
      active.add(a);
    } else {
      emit(out, records.notMeasured(p, Status.FAILED, a.failure(), a.engineVersion()));
    }
  }

  /** Rounds of one request each until every configuration stopped or has {@code upTo} requests. */
  private void takeTurns(List<MeasuredConfiguration> active, int upTo, List<ResultRecord> out) throws Exception {
    while (active.stream().anyMatch(a -> a.count() < upTo)) {
      List<MeasuredConfiguration> round = new ArrayList<>(active);
      if (order == Order.SHUFFLED) Collections.shuffle(round, shuffle);
      for (MeasuredConfiguration a : round) {
        if (a.count() < upTo) measure(a, active, out);
      }
    }
  }

  /** The time budget's extra requests, one at a time, where {@link Allocation} sends them, until the slice ends. */
  private void allocate(List<MeasuredConfiguration> active, long sliceEnd, List<ResultRecord> out) throws Exception {
    while (!active.isEmpty()) {
      double left = (sliceEnd - System.nanoTime()) / 1e9;
      if (left <= 0) {
        for (MeasuredConfiguration a : new ArrayList<>(active)) stop(a, StopRule.OUT_OF_BUDGET, active, out);
        return;
      }
      List<Allocation.Point> points = new ArrayList<>();
      for (int i = 0; i < active.size(); i++) {
        MeasuredConfiguration a = active.get(i);
        var params = a.plan.configuration().params();
        double ratio = a.halfWidth() / (params.targetCi() / 100 * Math.abs(a.mean()));
        points.add(new Allocation.Point(i, a.count(), ratio, a.secondsPerRequest(), params.maxRuns()));
      }
      int next = Allocation.next(points, left);
      if (next < 0) return;
      measure(active.get(next), active, out);
    }
  }

  private void measure(MeasuredConfiguration a, List<MeasuredConfiguration> active, List<ResultRecord> out)
      throws Exception {
    a.measureOne();
    if (a.stopped()) {
      active.remove(a);
      finishForks(a, out);
    }
  }

  private void stop(MeasuredConfiguration a, String reason, List<MeasuredConfiguration> active, List<ResultRecord> out)
      throws Exception {
    a.stop(reason);
    active.remove(a);
    finishForks(a, out);
  }

  private ConfigurationSession session(Plan plan, LastLoadedModel slot, boolean alone, int fork) {
    return isolation == Isolation.PROCESS ? new WorkerSession(plan, fork) : new LocalSession(plan, slot, alone ? null
        : "not measured: configurations interleaved in one process (use --isolate process)", fork);
  }

  private void emit(List<ResultRecord> out, ResultRecord r) throws Exception {
    sink.accept(r);
    out.add(r);
    listener.configurationFinished(r);
  }
}
