package org.inferbench.serve;

import java.io.IOException;
import java.net.BindException;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.Engine;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.LoadedModel;
import org.inferbench.engine.ModelInfo;
import org.inferbench.engine.ModelRef;
import org.inferbench.engine.calibration.CostModel;

/**
 * Starts a server for a checked engine, model and settings: the ground-truth server for the calibration engine
 * (whose busy-waiting would need a core per stream; its cost model gives the deadlines instead), the engine's own
 * model behind a fair queue for every other engine.
 */
public final class Serving {
  /** The engine whose model is an instrument: served by the deadline scheduler, not by stepping it. */
  public static final String GROUND_TRUTH_ENGINE = "calibration";

  private Serving() {}

  /**
   * @param name the model name clients send
   * @throws BadInputException for settings this server cannot honour, or a port already in use
   */
  public static OpenAiServer start(String host, int port, Engine engine, ModelRef ref, String name,
      EngineSettings settings, ModelInfo info, ServeSettings serve) throws Exception {
    if (!info.shape().generates()) {
      throw new BadInputException("--model " + name + ": a " + info.shape().label() + " model generates no tokens to serve");
    }
    ServedModel served = new ServedModel(name, engine.name(), engine.version(), info.maxPositions());
    boolean groundTruth = engine.name().equals(GROUND_TRUTH_ENGINE);
    if (groundTruth) {
      Backend backend = new DeadlineScheduler(serve.slots() == null ? Integer.MAX_VALUE : serve.slots(),
          timing(CostModel.from(settings), serve));
      return bind(host, port, served, backend, null, info.vocabSize());
    }
    if (serve.slots() != null || serve.ttftSeconds() != null || serve.tpotSeconds() != null) {
      throw new BadInputException("--engine-opt slots/ttft/tpot: settings of the ground-truth server (--engine "
          + GROUND_TRUTH_ENGINE + "); a real engine's capacity is its own setting (llamacpp: parallel=N)");
    }
    engine.prepare(ref, settings);
    LoadedModel model = engine.load(ref, settings);
    try {
      return bind(host, port, served, new EngineBackend(model, model.concurrentGenerations()), model.tokenizer(), info.vocabSize());
    } catch (Exception e) {
      model.close();
      throw e;
    }
  }

  /** The ground truth's service time: the given ttft/tpot, else the cost model's at batch 1 without noise. */
  static Timing timing(CostModel costs, ServeSettings serve) {
    Double ttft = serve.ttftSeconds();
    Double tpot = serve.tpotSeconds();
    return new Timing(
        ttft != null ? p -> Math.round(ttft * 1e9) : p -> Math.round(costs.prefillUs(1, p) * 1000),
        tpot != null ? c -> Math.round(tpot * 1e9) : c -> Math.round(costs.stepUs(1, c) * 1000));
  }

  private static OpenAiServer bind(String host, int port, ServedModel served, Backend backend,
      org.inferbench.engine.PromptTokenizer tokenizer, int vocabulary) throws Exception {
    try {
      return new OpenAiServer(host, port, served, backend, tokenizer, vocabulary);
    } catch (BindException e) {
      backend.close();
      throw new BadInputException("--port " + port + ": cannot listen on " + host + ":" + port + " ("
          + e.getMessage() + ")");
    } catch (IOException e) {
      backend.close();
      throw new BadInputException("--host " + host + ": cannot listen there (" + e.getMessage() + ")");
    }
  }
}
