package org.inferbench.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.engine.Engine;
import org.inferbench.engine.Generation;
import org.inferbench.engine.LoadedModel;
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

/** Runs a configuration in this JVM. Also the body of a worker process. */
public final class LocalSession implements ConfigurationSession {
  private final Plan plan;
  private final LastLoadedModel slot;
  /** Why process-wide memory figures are not this configuration's own, or null when they are. */
  private final String memoryNote;
  private final int fork;
  private final List<Tracker> trackers = new ArrayList<>();
  private final NoiseTracker noise = new NoiseTracker();
  private LoadedModel model;
  private RequestMaker requests;
  /** Requests run so far in each phase: request k of a phase asks for what number k of the source says. */
  private long warmedUp;
  private long measured;
  private boolean measuring;

  /**
   * @param memoryNote null when this session has the process to itself, so process-wide memory figures are its
   *     own; else why they are not (several configurations interleaved in one JVM), recorded instead of them
   */
  public LocalSession(Plan plan, LastLoadedModel slot, String memoryNote) {
    this(plan, slot, memoryNote, 0);
  }

  /** @param fork which fork (or round) of its configuration this session measures */
  LocalSession(Plan plan, LastLoadedModel slot, String memoryNote, int fork) {
    this.plan = plan;
    this.slot = slot;
    this.memoryNote = memoryNote;
    this.fork = fork;
  }

  private boolean ownsMemory() {
    return memoryNote == null;
  }

  @Override
  public Opened open() throws Exception {
    Configuration c = plan.configuration();
    Engine engine = EngineRegistry.get(c.engine());
    model = slot.acquire(plan, engine);
    model.beginFork(fork);
    Map<String, Object> facts = new LinkedHashMap<>();
    long rss = ProcStatus.kb("VmRSS");
    if (rss > 0 && ownsMemory()) facts.put("rss_after_load_mb", rss / 1024.0);
    requests = new RequestMaker(plan, model);
    if (slot.reused()) {
      // load times and the cold request belong to the configuration that loaded the model: a first request here
      // is not cold, only a warm-up — the configured one serves, or this one when none is configured
      if (c.params().warmup() == 0) runOne(0);
      return new Opened(engine.version(), model.effectiveSettings(), facts);
    }
    facts.put("model_load_ms", model.modelLoadNanos() / 1e6);
    facts.put("session_create_ms", model.sessionCreateNanos() / 1e6);
    // the cold request asks for what the first request of each phase does
    long[] cold = runOne(0).offsets();
    if (plan.info().shape().generates()) facts.put("cold_ttft_ms", cold[0] / 1e6);
    facts.put("cold_latency_ms", cold[cold.length - 1] / 1e6);
    return new Opened(engine.version(), model.effectiveSettings(), facts);
  }

  /** Runs request number {@code index} (of its phase: warm-up or measured) and times it. */
  private MeasuredRequest runOne(long index) throws Exception {
    Request request = requests.at(index);
    if (plan.configuration().params().includeTokenization()) {
      // Tokenization inside TTFT: the clock starts at the text, not at the token ids.
      model.prepare(request);
      long start = System.nanoTime();
      int[][] ids = Prompts.tokenize(model.tokenizer(), requests.texts(), request.promptLength());
      Request r = new Request(ids, request.outputTokens(), request.stopAtEos()).withDraw(request.promptDraw());
      try (Generation g = model.start(r)) {
        return new MeasuredRequest(r.promptLength(), RequestTimer.timeFrom(start, g, r.outputTokens()).offsets());
      }
    }
    // RequestTimer.time, keeping the generation to ask it for the prompt's length once it ended
    model.prepare(request);
    long start = System.nanoTime();
    Generation g = model.start(request);
    TokenTimeline t;
    try {
      t = RequestTimer.timeFrom(start, g, request.outputTokens());
    } finally {
      g.close();
    }
    return new MeasuredRequest(RequestMaker.promptTokens(request, g), t.offsets());
  }

  @Override
  public void warmup(int requests) throws Exception {
    for (int i = 0; i < requests; i++) runOne(warmedUp++);
  }

  @Override
  public List<MeasuredRequest> measure(int requests) throws Exception {
    if (!measuring) {
      if (ownsMemory()) {
        trackers.add(new MemoryTracker());
        trackers.add(new EnergyTracker()); // package counters: per configuration only when it has the machine's process to itself
      }
      trackers.add(new JvmTracker());
      for (Tracker t : trackers) t.start();
      measuring = true;
    }
    List<MeasuredRequest> out = new ArrayList<>(requests);
    noise.begin();
    try {
      for (int i = 0; i < requests; i++) out.add(runOne(measured++));
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
