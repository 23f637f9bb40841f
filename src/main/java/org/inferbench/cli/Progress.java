package org.inferbench.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.inferbench.results.ResultRecord;
import org.inferbench.run.Plan;
import org.inferbench.run.Runner;
import org.inferbench.workload.WorkloadSpec;

/**
 * A progress bar with ETA over the measured requests when standard error is a terminal; otherwise one plain
 * line per finished configuration (logs and CI stay readable).
 */
final class Progress implements Runner.Listener, AutoCloseable {
  private final PrintStream err;
  private final ProgressBar bar;
  private final int configurations;
  private int finished;

  private Progress(PrintStream err, ProgressBar bar, int configurations) {
    this.err = err;
    this.bar = bar;
    this.configurations = configurations;
  }

  static Progress start(List<Plan> plans, WorkloadSpec spec, PrintStream err) {
    // under a time budget the count is open-ended: the bar starts at the minimum and grows (see requestMeasured)
    long perConfig = spec.params().runs() != null ? spec.params().runs()
        : spec.params().timeBudgetS() != null ? spec.params().minRuns() : spec.params().maxRuns();
    long total = plans.stream().filter(Plan::runnable).count() * perConfig;
    ProgressBar bar = null;
    if (System.console() != null && total > 0) {
      bar = new ProgressBarBuilder().setTaskName("measuring").setInitialMax(total)
          .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setConsumer(new ConsoleProgressBarConsumer(err))
          .setUpdateIntervalMillis(250).build();
    }
    // a load sweep (serving) measures one stream, every request at once and its rates between: a record each
    int records = 0;
    for (Plan p : plans) {
      var load = p.configuration().load();
      records += load != null && load.sweep() > 0 ? 2 + load.sweep() : 1;
    }
    return new Progress(err, bar, records);
  }

  @Override
  public void configurationStarted(Plan plan) {
    if (bar != null) bar.setExtraMessage(plan.configuration().label());
  }

  @Override
  public void requestMeasured(Plan plan) {
    if (bar == null) return;
    bar.step();
    if (bar.getCurrent() >= bar.getMax()) bar.maxHint(bar.getCurrent() + configurations);
  }

  @Override
  public void configurationFinished(ResultRecord r) {
    finished++;
    if (bar == null) {
      String what = r.ok() ? "ok" : r.status().label() + ": " + r.reason();
      String loadAndLengths = (r.workload().load() == null ? "" : " " + r.workload().load())
          + (r.workload().lengths() == null ? "" : " " + r.workload().lengths());
      err.printf(Locale.ROOT, "[%d/%d] %s b%d p%d o%d %s%s — %s%n", finished, configurations, r.workload().model(),
          r.workload().batch(), r.workload().prompt(), r.workload().output(), r.workload().engine(), loadAndLengths,
          what);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.maxHint(bar.getCurrent());
      bar.close();
    }
  }
}
