package org.inferbench.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.Engine;
import org.inferbench.registry.EngineRegistry;
import org.inferbench.run.Plan;
import org.inferbench.run.Planner;
import org.inferbench.serve.OpenAiServer;
import org.inferbench.serve.ServeSettings;
import org.inferbench.serve.Serving;
import org.inferbench.workload.Configuration;
import org.inferbench.workload.Grid;
import org.inferbench.workload.Isolation;
import org.inferbench.workload.LabelledModel;
import org.inferbench.workload.WorkloadBuilder;
import org.inferbench.workload.WorkloadSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code inferbench serve}: an OpenAI-compatible server over one engine and model until interrupted. Takes the
 * workload flags for the model and engine (--model, --model-opt, --model-config, --engine, --engine-opt, --threads);
 * lengths, runs and the like have no meaning here and are ignored.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve one model over HTTP with the OpenAI API (POST /v1/completions, /v1/chat/completions; GET "
        + "/v1/models, /version, /v1/lateness) until interrupted. Prints 'serving MODEL on URL' once listening.",
        "--engine calibration is the ground-truth server: chunks at precomputed deadlines, --engine-opt slots=N, "
            + "ttft=DURATION, tpot=DURATION (default: the calibration cost model). Of the workload flags only the "
            + "model and engine ones apply."})
final class ServeCommand implements Callable<Integer> {
  /** The longest context a server allocates when the engine's context setting is left at 0 (the model may take more). */
  static final int DEFAULT_CONTEXT = 4096;
  static final WorkloadBuilder.Defaults DEFAULTS = new WorkloadBuilder.Defaults(
      List.of(LabelledModel.of("gpt2")), List.of("onnx"), List.of(1), List.of(1), Isolation.NONE);

  @Mixin
  WorkloadOptions workload;

  @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on (default 127.0.0.1: loopback only).")
  String host = "127.0.0.1";

  @Option(names = "--port", paramLabel = "N", description = "Port to listen on; 0 takes a free one (default 8000).")
  int port = 8000;

  @Override
  public Integer call() throws Exception {
    OpenAiServer server = open(System.out);
    CountDownLatch stopped = new CountDownLatch(1);
    // until interrupted: on SIGINT/SIGTERM the server stops and says how late its chunks were
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      System.out.println(server.latenessLine());
      System.out.flush();
      stopped.countDown();
    }));
    stopped.await();
    return ExitCodes.OK;
  }

  /** Checks the flags, loads the model, starts listening and prints the one line naming the URL. */
  OpenAiServer open(java.io.PrintStream out) throws Exception {
    if (port < 0 || port > 65535) throw new BadInputException("--port: expected 0 to 65535, got " + port);
    List<WorkloadBuilder> builders = workload.toBuilders();
    if (builders.size() != 1) throw new BadInputException("--config: serve takes a workload of one grid");
    ServeSettings serve = takeServeSettings(builders.get(0));
    WorkloadSpec spec = Inputs.build(builders, DEFAULTS).get(0);
    List<Configuration> cells = Grid.expand(spec);
    if (cells.size() != 1) {
      throw new BadInputException("serve: one model, one engine and one value per setting, got " + cells.size()
          + " combinations");
    }
    Engine engine = EngineRegistry.get(cells.get(0).engine());
    Plan plan = planWithContext(sharingCores(engine, cells.get(0)));
    Configuration c = plan.configuration();
    OpenAiServer server = Serving.start(host, port, engine, c.model().ref(), c.model().model(), plan.settings(),
        plan.info(), serve);
    out.println("serving " + c.model().model() + " on " + server.baseUrl());
    out.flush();
    return server;
  }

  /**
   * The engine's settings for sharing cores (e.g. no spinning of idle threads) where the user gave no value: the
   * server's HTTP threads run on the same cores between the engine's steps.
   */
  private static Configuration sharingCores(Engine engine, Configuration c) {
    Map<String, String> opts = new java.util.LinkedHashMap<>(c.engineOpts());
    engine.settingsForTakingTurns().forEach(opts::putIfAbsent);
    return new Configuration(c.index(), c.model(), c.engine(), opts, c.batch(), c.prompt(), c.output(), c.load(),
        c.params());
  }

  /** The server's own keys out of --engine-opt (one value each), so the engine sees only its settings. */
  private static ServeSettings takeServeSettings(WorkloadBuilder b) throws BadInputException {
    Map<String, String> given = new HashMap<>();
    for (String key : ServeSettings.KEYS) {
      List<String> values = b.engineOpts.remove(key);
      if (values == null) continue;
      if (values.size() != 1) throw new BadInputException("--engine-opt " + key + ": serve takes one value");
      given.put(key, values.get(0));
    }
    try {
      return ServeSettings.parse(given);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  /**
   * Plans the cell with the longest context, a power of two up to {@value #DEFAULT_CONTEXT}, that the engine and
   * model accept: an engine's context setting left at 0 is filled from the planned lengths, and a server needs room
   * for whatever requests come (the planner's default would be 2 tokens). A context set by the user stays, and the
   * halving stops at it.
   */
  private static Plan planWithContext(Configuration c) throws BadInputException {
    Planner planner = new Planner();
    Plan plan = null;
    for (int context = DEFAULT_CONTEXT; context >= 2; context /= 2) {
      plan = planner.plan(new Configuration(c.index(), c.model(), c.engine(), c.engineOpts(), 1, context - 1, 1,
          c.load(), c.params()));
      if (plan.settings() == null) break; // not a length problem: a setting this engine lacks
      if (plan.runnable()) return plan;
    }
    throw new BadInputException("serve: " + plan.notApplicable());
  }

}
