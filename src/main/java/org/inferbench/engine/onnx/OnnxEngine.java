package org.inferbench.engine.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.Capability;
import org.inferbench.engine.Engine;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.LoadedModel;
import org.inferbench.engine.ModelInfo;
import org.inferbench.engine.ModelRef;
import org.inferbench.core.ModelShape;
import org.inferbench.engine.SettingSpec;
import org.inferbench.model.HfConfig;

/** ONNX Runtime (Java API, CPU, or CUDA with the GPU build) over Hugging Face Optimum ONNX exports. */
public final class OnnxEngine implements Engine {
  private static final OnnxFormat FORMAT = new OnnxFormat();
  private final ExportResolver resolver;

  /** Synthesised presets go to the default model cache ($INFERBENCH_CACHE_DIR or ~/.cache/inferbench/models). */
  public OnnxEngine() {
    this(ExportResolver.withDefaultCache());
  }

  OnnxEngine(ExportResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public String name() {
    return "onnx";
  }

  @Override
  public String description() {
    return "ONNX Runtime (Java API; CPU, or CUDA with the GPU build) over Optimum ONNX exports: a model directory,"
        + " or a preset written with random weights";
  }

  @Override
  public String version() {
    return OrtEnvironment.getEnvironment().getVersion();
  }

  @Override
  public Set<Capability> capabilities() {
    EnumSet<Capability> c = EnumSet.of(Capability.ENCODER, Capability.DECODER, Capability.ENCODER_DECODER,
        Capability.KV_CACHE, Capability.BATCH, Capability.DEVICE_CPU, Capability.TEXT_PROMPTS);
    if (OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) c.add(Capability.DEVICE_CUDA);
    return c;
  }

  @Override
  public List<SettingSpec> settings() {
    return OnnxSettings.SPECS;
  }

  @Override
  public ModelInfo describe(ModelRef model, EngineSettings settings) throws BadInputException {
    OnnxSettings s = OnnxSettings.from(settings);
    ExportResolver.Described d = resolver.describe(model);
    Map<String, Object> details = new LinkedHashMap<>(d.config().summary());
    details.put("source", d.source());
    details.put("synthesized", d.synthetic());
    return info(model, d.config(), s.dtype(), details, d.config().specialTokenIds(d.tokenizerJson()));
  }

  /** Details are the shared model config's summary (plus where the files are), then what only the engine adds. */
  private ModelInfo info(ModelRef model, HfConfig config, String dtype, Map<String, Object> summary,
      int[] specialTokens) throws BadInputException {
    ConfigNumbers f = ConfigNumbers.of(config, model.options());
    Map<String, Object> details = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : summary.entrySet()) {
      if (e.getValue() != null) details.put(e.getKey(), e.getValue());
    }
    details.putIfAbsent("model_type", f.modelType());
    details.putIfAbsent("layers", f.decoderLayers());
    details.putIfAbsent("hidden", f.hidden());
    details.putIfAbsent("heads", f.heads());
    details.putIfAbsent("head_dim", f.headDim());
    details.put("overrides", f.overrides());
    return new ModelInfo(model.id(), f.shape(), f.maxPositions(), f.vocabSize(), specialTokens, f.configHash(),
        dtype, FORMAT.facts(config, dtype), details);
  }

  /** An idle session's spinning intra-op threads would steal the cores of the session whose turn it is. */
  @Override
  public Map<String, String> settingsForTakingTurns() {
    return Map.of("allow-spinning", "false");
  }

  /** Synthesises a preset into the cache (if it is not there yet) outside any measured process. */
  @Override
  public void prepare(ModelRef model, EngineSettings engineSettings) throws Exception {
    resolve(model, OnnxSettings.from(engineSettings));
  }

  @Override
  public LoadedModel load(ModelRef model, EngineSettings engineSettings) throws Exception {
    OnnxSettings settings = OnnxSettings.from(engineSettings);
    settings.checkDevice();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    long t0 = System.nanoTime();
    OnnxExport r = resolve(model, settings);
    ConfigNumbers facts = ConfigNumbers.of(r.config(), model.options());
    Path encoderFile = r.encoderFile();
    Path firstFile = r.decoderFiles().isEmpty() ? null : r.decoderFiles().get(0);
    Path withPastFile = r.decoderFiles().size() > 1 ? r.decoderFiles().get(1) : null;
    for (Path p : r.onnxFiles()) warm(p);
    OnnxTokenizer tokenizer = r.tokenizerJson() == null ? null : OnnxTokenizer.open(r.tokenizerJson());
    long modelLoad = System.nanoTime() - t0;
    ModelInfo info = info(model, r.config(), r.dtype(), r.details(), r.specialTokenIds());
    String layout = facts.shape() == ModelShape.ENCODER ? "single (encoder)" : r.layout();
    Map<String, String> effective = settings.effective(layout);
    long t1 = System.nanoTime();
    GraphSession encoder = null;
    GraphSession first = null;
    GraphSession withPast = null;
    try (SessionOptions options = settings.sessionOptions()) {
      if (facts.shape() == ModelShape.ENCODER) {
        encoder = GraphSession.open(env, encoderFile, null, options);
        encoder.checkEncoder(facts);
        GraphSession.checkInputs(encoder);
        long sessions = System.nanoTime() - t1;
        return new EncoderModel(env, encoder, info, effective, modelLoad, sessions, tokenizer);
      }
      if (encoderFile != null) encoder = GraphSession.open(env, encoderFile, null, options);
      first = GraphSession.open(env, firstFile, null, options);
      withPast = withPastFile == null ? first : GraphSession.open(env, withPastFile, null, options);
      first.checkDecoder(facts);
      withPast.checkDecoder(facts);
      if (settings.kvCache() && withPast.pastInputs.isEmpty()) {
        throw new BadInputException(withPast.file + ": graph has no past_key_values inputs, so kv-cache=on cannot run"
            + " (use kv-cache=off or an export with past)");
      }
      GraphSession.checkInputs(encoder, first, withPast);
      long sessions = System.nanoTime() - t1;
      return new DecoderModel(env, facts, info, encoder, first, withPast, settings.kvCache(), effective, modelLoad,
          sessions, tokenizer);
    } catch (Exception | Error e) {
      if (withPast != null && withPast != first) withPast.close();
      if (first != null) first.close();
      if (encoder != null) encoder.close();
      if (tokenizer != null) tokenizer.close();
      throw e;
    }
  }

  /** The layout asked of the resolver: auto means merged, the layout transformers.js loads by default. */
  private OnnxExport resolve(ModelRef model, OnnxSettings settings) throws BadInputException {
    String layout = settings.layout().equals("auto") ? "merged" : settings.layout();
    return resolver.resolve(model, settings.dtype(), layout, settings.weightsSeed());
  }

  /**
   * Reads the file (and its external data) once through the page cache, so model load time holds the disk and
   * session creation does not — without keeping a copy: a mapped or heap copy would stay in the resident set
   * beside ONNX Runtime's own and inflate every peak-memory figure by the model's size.
   */
  private static void warm(Path p) throws BadInputException {
    ByteBuffer buf = ByteBuffer.allocateDirect(8 << 20);
    for (Path f : new Path[] {p, p.resolveSibling(p.getFileName() + "_data")}) {
      if (!Files.exists(f)) continue;
      try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
        while (ch.read(buf) >= 0) buf.clear();
      } catch (IOException e) {
        throw new BadInputException(f + ": cannot read model file (" + BadInputException.oneLine(e) + ")", e);
      }
    }
  }

}
