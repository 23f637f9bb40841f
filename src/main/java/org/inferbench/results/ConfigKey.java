package org.inferbench.results;

import java.util.HashMap;
import java.util.Map;

/**
 * The config_key: what was measured, independent of how often and in which order. Reruns of the same
 * configuration share it, so --resume can skip it and trends can follow it.
 *
 * <p>Keyed: model, model_config_hash, model_options, dtype, engine, engine settings (all of them, defaults
 * included, sorted), batch, prompt, output, prompt_source and include_tokenization. Model options can change
 * the graph that runs, and include_tokenization changes what TTFT and E2E contain, so both change the numbers. A
 * serving benchmark's load (concurrency 1 or 16, a request rate) is keyed too, by its label, with its ramp-up and
 * request timeout where given ("c16 ramp 10s timeout 30s": a load without them keeps the key it always had), and so
 * is how each request's lengths varied: a length distribution, or a request file by its content's hash (not its
 * name). An engine's build (llama.cpp's commit) is keyed where the engine names one.
 * The seed is not keyed on its own: where it shapes the prompts (random prompts) it is already part of
 * prompt_source ("random:seed=42"); elsewhere it only orders runs, or picks which lengths a distribution's requests
 * draw (another seed samples the same distribution). Not keyed: warmup, run counts, stopping
 * rules, headline, order, isolate (they change how precisely, not what, is measured).
 */
public final class ConfigKey {
  private ConfigKey() {}

  public static String of(WorkloadRecord w) {
    if (w == null) throw new IllegalArgumentException("config_key: expected a workload, got null");
    Map<String, Object> f = new HashMap<>();
    f.put("model", w.model());
    f.put("model_config_hash", w.modelConfigHash());
    f.put("model_options", Hashes.sorted(w.modelOptions()));
    f.put("dtype", w.dtype());
    f.put("engine", w.engine());
    f.put("engine_settings", Hashes.sorted(w.engineSettings()));
    f.put("batch", w.batch());
    f.put("prompt", w.prompt());
    f.put("output", w.output());
    f.put("prompt_source", w.promptSource());
    f.put("include_tokenization", w.includeTokenization());
    // only where set: the keys of records without them (schema 1 and 2: neither; 3: no lengths) stay as they were
    if (w.load() != null) f.put("load", w.load());
    if (w.lengthDist() != null) f.put("length_dist", w.lengthDist());
    if (w.requestFile() != null) f.put("request_file", w.requestFile().sha256());
    // schema 5: the engine's build where builds differ (llamacpp); records of older engines keep their keys
    if (w.engineBuild() != null) f.put("engine_build", w.engineBuild());
    return Hashes.of(f);
  }
}
