package org.inferbench.run;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.inferbench.core.BadInputException;
import org.inferbench.registry.EngineRegistry;

/**
 * One-time model work (e.g. synthesis into the cache) before anything is measured, once per model and settings,
 * so that no configuration's load time or memory holds it. A model that is bad input (no ONNX file of the asked
 * dtype, a truncated file) stops the command here, before anything is measured or written; any other failure is
 * reported and left to that model's configurations, which then fail with their own reason.
 */
public final class ModelPreparation {
  private ModelPreparation() {}

  public static void prepare(List<Plan> plans, PrintStream log) throws BadInputException {
    Set<String> done = new HashSet<>();
    for (Plan p : plans) {
      var c = p.configuration();
      if (!p.runnable() || !done.add(c.model() + "|" + c.engine() + "|" + p.settings().values())) continue;
      try {
        long t0 = System.nanoTime();
        EngineRegistry.get(c.engine()).prepare(c.model().ref(), p.settings());
        double s = (System.nanoTime() - t0) / 1e9;
        if (s > 1) log.printf(Locale.ROOT, "prepared %s in %.1f s (cached for later runs)%n", c.model().label(), s);
      } catch (BadInputException e) {
        throw new BadInputException("--model " + c.model().label() + ": " + e.getMessage(), e);
      } catch (Exception e) {
        log.println("inferbench: preparing " + c.model().label() + " failed: " + Failures.oneLine(e));
      }
    }
  }
}
