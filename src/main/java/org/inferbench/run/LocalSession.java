package org.inferbench.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.engine.BadInputException;
import org.inferbench.engine.Engine;
import org.inferbench.engine.Generation;
import org.inferbench.engine.LoadedModel;
import org.inferbench.engine.PromptTokenizer;
import org.inferbench.engine.Request;
import org.inferbench.measure.EnergyTracker;
import org.inferbench.measure.JvmTracker;
import org.inferbench.measure.MemoryTracker;
import org.inferbench.measure.NoiseTracker;
import org.inferbench.measure.ProcStatus;
import org.inferbench.measure.RequestTimer;
import org.inferbench.measure.TokenTimeline;
import org.inferbench.measure.Tracker;
import org.inferbench.registry.EngineRegistry;
import org.inferbench.workload.Configuration;
import org.inferbench.workload.Prompts;
import org.inferbench.workload.RunParams;

/** Runs a configuration in this JVM. Also the body of a worker process. */
public final class LocalSession implements ConfigurationSession {
  private final Plan plan;
  private final LastLoadedModel slot;
  /** Why process-wide memory figures are not this configuration's own, or null when they are. */
  private final String memoryNote;
  private final List<Tracker> trackers = new ArrayList<>();
  private final NoiseTracker noise = new NoiseTracker();
  private LoadedModel model;
  private Request request;
  private String[] texts;
  private boolean measuring;

  /**
   * @param memoryNote null when this session has the process to itself, so process-wide memory figures are its
   *     own; else why they are not (several configurations interleaved in one JVM), recorded instead of them
   */
  public LocalSession(Plan plan, LastLoadedModel slot, String memoryNote) {
    this.plan = plan;
    this.slot = slot;
    this.memoryNote = memoryNote;
  }

  private boolean ownsMemory() {
    return memoryNote == null;
  }

  @Override
  public Opened open() throws Exception {
    Configuration c = plan.configuration();
    Engine engine = EngineRegistry.get(c.engine());
    model = slot.acquire(plan, engine);
    Map<String, Object> facts = new LinkedHashMap<>();
    long rss = ProcStatus.kb("VmRSS");
    if (rss > 0 && ownsMemory()) facts.put("rss_after_load_mb", rss / 1024.0);
    preparePrompts(c);
    if (slot.reused()) {
      // load times and the cold request belong to the configuration that loaded the model: a first request here
      // is not cold, only a warm-up — the configured one serves, or this one when none is configured
      if (c.params().warmup() == 0) runOne();
      return new Opened(engine.version(), model.effectiveSettings(), facts);
    }
    facts.put("model_load_ms", model.modelLoadNanos() / 1e6);
    facts.put("session_create_ms", model.sessionCreateNanos() / 1e6);
    long[] cold = runOne();
    if (plan.info().shape().generates()) facts.put("cold_ttft_ms", cold[0] / 1e6);
    facts.put("cold_latency_ms", cold[cold.length - 1] / 1e6);
    return new Opened(engine.version(), model.effectiveSettings(), facts);
  }

  private void preparePrompts(Configuration c) throws Exception {
    RunParams p = c.params();
    int output = plan.output();
    if (p.promptText() == null && p.promptFile() == null) {
      request = new Request(Prompts.random(p.seed(), c.batch(), c.prompt(), plan.info().vocabSize(),
          plan.info().specialTokens()), output, p.stopAtEos());
      return;
    }
    PromptTokenizer tok = model.tokenizer();
    if (tok == null) throw new BadInputException("--prompt-text: engine " + c.engine() + " has no tokenizer for " + c.model().label());
    texts = Prompts.texts(p, c.batch());
    request = new Request(Prompts.tokenize(tok, texts, c.prompt()), output, p.stopAtEos());
  }

  private long[] runOne() throws Exception {
    if (plan.configuration().params().includeTokenization()) {
      // Tokenization inside TTFT: the clock starts at the text, not at the token ids.
      long start = System.nanoTime();
      int[][] ids = Prompts.tokenize(model.tokenizer(), texts, plan.configuration().prompt());
      Request r = new Request(ids, request.outputTokens(), request.stopAtEos());
      try (Generation g = model.start(r)) {
        return RequestTimer.timeFrom(start, g, r.outputTokens()).offsets();
      }
    }
    TokenTimeline t = RequestTimer.time(model, request);
    return t.offsets();
  }

  @Override
  public void warmup(int requests) throws Exception {
    for (int i = 0; i < requests; i++) runOne();
  }

  @Override
  public List<long[]> measure(int requests) throws Exception {
    if (!measuring) {
      if (ownsMemory()) {
        trackers.add(new MemoryTracker());
        trackers.add(new EnergyTracker()); // package counters: per configuration only when it has the machine's process to itself
      }
      trackers.add(new JvmTracker());
      for (Tracker t : trackers) t.start();
      measuring = true;
    }
    List<long[]> out = new ArrayList<>(requests);
    noise.begin();
    try {
      for (int i = 0; i < requests; i++) out.add(runOne());
    } finally {
      noise.end();
    }
    return out;
  }

  @Override
  public Map<String, Object> finish() {
    Map<String, Object> r = new LinkedHashMap<>();
    for (Tracker t : trackers) {
      t.stop();
      r.putAll(t.results());
    }
    r.put("noise", noise.results());
    if (!ownsMemory()) r.put("memory_note", memoryNote);
    return r;
  }

  @Override
  public void close() {
    // the slot owns the model: the next configuration may reuse it
  }
}
