package org.inferbench.run;

import java.util.List;

/**
 * One loaded model serving several configurations that take turns (the same model, engine and settings at other
 * lengths or batches): one worker process that loads it once, or one slot in this JVM. Under a time budget, loading
 * the model once per configuration would spend much of the budget on opening (12–20 s per gpt2-medium session on a
 * 2-core machine); and with one engine session, no idle sibling's threads compete for the cores. The price: the
 * configurations' process-wide memory figures are not their own, so none are recorded (a note says why).
 */
final class SharedModel implements AutoCloseable {
  private final List<Plan> plans;
  private final boolean workerProcess;
  private final LastLoadedModel slot = new LastLoadedModel();
  private WorkerProcess worker;

  SharedModel(List<Plan> plans, boolean workerProcess) {
    this.plans = plans;
    this.workerProcess = workerProcess;
  }

  /** The session of one of this model's configurations; the worker starts when the first opens. */
  ConfigurationSession session(Plan p) {
    if (!workerProcess) {
      return new LocalSession(p, slot, memoryNote(plans.size()));
    }
    return WorkerSession.shared(p, this::worker, plans.indexOf(p), plans.size());
  }

  /** Why {@code sharedBy} configurations on one loaded model record no memory figures (null when one has it alone). */
  static String memoryNote(int sharedBy) {
    return sharedBy <= 1 ? null : "not measured: " + sharedBy + " configurations shared one loaded model";
  }

  private WorkerProcess worker() throws Exception {
    if (worker == null) {
      var c = plans.get(0).configuration();
      worker = WorkerProcess.start(c.engine(), c.params().pinCpus());
    }
    return worker;
  }

  @Override
  public void close() {
    if (worker != null) worker.close();
    slot.close();
  }
}
