package org.inferbench.engine.calibration;

import java.util.Map;
import java.util.SplittableRandom;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.Generation;
import org.inferbench.engine.LoadedModel;
import org.inferbench.engine.ModelInfo;
import org.inferbench.engine.Request;

/** The calibration engine's "model": a cost model and a seeded noise source. */
final class CalibrationModel implements LoadedModel {
  private final ModelInfo info;
  private final CostModel costs;
  private final EngineSettings settings;
  private final SplittableRandom noise;
  private final int eosAfter;
  private final int failAtPrompt;
  private final double forkNoise;
  private final long seed;
  /** 1 + δ of the current fork: the factor on every cost. */
  private double forkFactor = 1;

  CalibrationModel(ModelInfo info, CostModel costs, EngineSettings settings) {
    this.info = info;
    this.costs = costs;
    this.settings = settings;
    String seed = settings.values().get("jitter-seed");
    this.seed = seed == null ? 0 : Long.parseLong(seed);
    this.noise = new SplittableRandom(this.seed);
    String fn = settings.values().get("fork-noise");
    this.forkNoise = fn == null ? 0 : Double.parseDouble(fn);
    this.eosAfter = settings.getInt("eos-after");
    this.failAtPrompt = settings.getInt("fail-at-prompt");
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public Map<String, String> effectiveSettings() {
    return settings.values();
  }

  @Override
  public long modelLoadNanos() {
    return 0;
  }

  @Override
  public long sessionCreateNanos() {
    return 0;
  }

  @Override
  public Generation start(Request request) {
    if (failAtPrompt > 0 && request.promptLength() == failAtPrompt) {
      throw new IllegalStateException("calibration engine: configured to fail at prompt " + failAtPrompt);
    }
    return new CalibrationGeneration(request);
  }

  @Override
  public void close() {}

  /** Draws fork {@code fork}'s offset from its own seeded stream: the same fork of a rerun draws the same. */
  @Override
  public void beginFork(int fork) {
    if (forkNoise == 0) return;
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + fork);
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    double z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    forkFactor = Math.max(0.05, 1 + forkNoise * z);
  }

  /** Spends {@code us} × (1 + ε) microseconds on the CPU; busy-waiting, since sleeping overshoots by 50+ µs. */
  private void spend(double us) {
    double eps = costs.jitter() == 0 ? 0 : costs.jitter() * gaussian();
    long nanos = Math.max(0, Math.round(us * forkFactor * (1 + eps) * 1000));
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }

  private double gaussian() {
    // Box–Muller on SplittableRandom: seeded and reproducible across JDKs.
    double u1 = noise.nextDouble();
    double u2 = noise.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  private final class CalibrationGeneration implements Generation {
    private final Request request;
    private int produced;

    CalibrationGeneration(Request request) {
      this.request = request;
    }

    @Override
    public int step() {
      int batch = request.batch();
      int prompt = request.promptLength();
      if (produced == 0) {
        spend(costs.prefillUs(batch, prompt));
      } else {
        if (request.stopAtEos() && eosAfter > 0 && produced >= eosAfter) return 0;
        spend(costs.stepUs(batch, prompt + produced));
      }
      produced++;
      return 1;
    }
  }
}
