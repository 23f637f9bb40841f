package org.inferbench.run;

import org.inferbench.engine.Engine;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.LoadedModel;
import org.inferbench.workload.Configuration;

/**
 * Keeps the last loaded model so that consecutive in-process configurations of the same model and settings
 * (differing only in batch or lengths) do not load it again.
 */
public final class LastLoadedModel implements AutoCloseable {
  private Configuration owner;
  private EngineSettings ownerSettings;
  private LoadedModel model;
  private boolean reused;

  LoadedModel acquire(Plan plan, Engine engine) throws Exception {
    Configuration c = plan.configuration();
    // settings filled in at plan time (a context sized for the lengths) can differ between cells of one model
    if (model != null && owner.sameModelAs(c) && ownerSettings.equals(plan.settings())) {
      reused = true;
      return model;
    }
    close();
    reused = false;
    model = engine.load(c.model().ref(), plan.settings());
    owner = c;
    ownerSettings = plan.settings();
    return model;
  }

  /** Whether the last acquire returned an already loaded model (load times then belong to an earlier record). */
  boolean reused() {
    return reused;
  }

  @Override
  public void close() {
    if (model != null) {
      try {
        model.close();
      } catch (Exception e) {
        // closing a model must never turn a measured configuration into a failure
      }
      model = null;
      owner = null;
      ownerSettings = null;
    }
  }
}
