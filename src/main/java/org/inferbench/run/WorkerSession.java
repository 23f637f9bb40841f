package org.inferbench.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.results.Json;

/**
 * A configuration run in a worker process: a fresh one of its own, or one it shares with the other configurations
 * of its loaded model (under a time budget, so the model is loaded once rather than once per configuration).
 */
public final class WorkerSession implements ConfigurationSession {
  /** Where a shared worker comes from: started by the first configuration that opens. */
  interface Source {
    WorkerProcess get() throws Exception;
  }

  private final Plan plan;
  private final int id;
  /** How many configurations share the worker. */
  private final int sharedBy;
  /** Null for a worker of this configuration's own, started at open and closed with it. */
  private final Source shared;
  private WorkerProcess process;

  /** Which fork of its configuration this session measures. */
  private final int fork;

  /** A configuration in a worker of its own. */
  public WorkerSession(Plan plan) {
    this(plan, 0);
  }

  /** Fork {@code fork} of a configuration, in a worker of its own. */
  WorkerSession(Plan plan, int fork) {
    this(plan, null, 0, 1, fork);
  }

  private WorkerSession(Plan plan, Source shared, int id, int sharedBy, int fork) {
    this.plan = plan;
    this.shared = shared;
    this.id = id;
    this.sharedBy = sharedBy;
    this.fork = fork;
  }

  /** Configuration {@code id} of the {@code sharedBy} that one worker runs on one loaded model. */
  static WorkerSession shared(Plan plan, Source worker, int id, int sharedBy) {
    return new WorkerSession(plan, worker, id, sharedBy, 0);
  }

  @Override
  public Opened open() throws Exception {
    var c = plan.configuration();
    process = shared != null ? shared.get() : WorkerProcess.start(c.engine(), c.params().pinCpus());
    Map<String, Object> open = new LinkedHashMap<>();
    open.put("op", "open");
    // every setting as planned here, so the worker loads exactly that (some follow from the other configurations)
    var asPlanned = new org.inferbench.workload.Configuration(c.index(), c.model(), c.engine(),
        plan.settings().values(), c.batch(), c.prompt(), c.output(), c.load(), c.params());
    open.put("configuration", Json.mapper().valueToTree(asPlanned));
    open.put("shared_by", sharedBy);
    open.put("fork", fork);
    JsonNode r = call(open);
    Map<String, String> settings = new LinkedHashMap<>();
    r.path("effective_settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
    @SuppressWarnings("unchecked")
    Map<String, Object> facts = WorkerProtocol.JSON.convertValue(r.path("facts"), Map.class);
    return new Opened(r.path("engine_version").asText(), settings, facts);
  }

  @Override
  public void warmup(int requests) throws Exception {
    call(Map.of("op", "warmup", "n", requests));
  }

  @Override
  public List<MeasuredRequest> measure(int requests) throws Exception {
    JsonNode r = call(Map.of("op", "measure", "n", requests));
    List<MeasuredRequest> out = new ArrayList<>();
    for (JsonNode req : r.path("requests")) out.add(WorkerProtocol.JSON.treeToValue(req, MeasuredRequest.class));
    return out;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> finish() throws Exception {
    JsonNode r = call(Map.of("op", "finish"));
    return WorkerProtocol.JSON.convertValue(r.path("trackers"), Map.class);
  }

  private JsonNode call(Map<String, Object> command) throws Exception {
    Map<String, Object> withId = new LinkedHashMap<>(command);
    withId.put("id", id);
    return process.call(withId);
  }

  /** Closes the worker when it is this configuration's own; a shared one is closed by whoever started it. */
  @Override
  public void close() {
    if (shared == null && process != null) process.close();
  }
}
