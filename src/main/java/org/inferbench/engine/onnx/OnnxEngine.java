package org.inferbench.engine.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.inferbench.engine.BadInputException;
import org.inferbench.engine.Capability;
import org.inferbench.engine.Engine;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.LoadedModel;
import org.inferbench.engine.ModelInfo;
import org.inferbench.engine.ModelRef;
import org.inferbench.engine.ModelShape;
import org.inferbench.engine.SettingSpec;

/** ONNX Runtime (Java API, CPU, or CUDA with the GPU build) over Hugging Face Optimum ONNX exports. */
public final class OnnxEngine implements Engine {
  @Override
  public String name() {
    return "onnx";
  }

  @Override
  public String version() {
    return OrtEnvironment.getEnvironment().getVersion();
  }

  @Override
  public Set<Capability> capabilities() {
    EnumSet<Capability> c = EnumSet.of(Capability.ENCODER, Capability.DECODER, Capability.ENCODER_DECODER,
        Capability.KV_CACHE, Capability.BATCH, Capability.DEVICE_CPU);
    if (OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) c.add(Capability.DEVICE_CUDA);
    return c;
  }

  @Override
  public List<SettingSpec> settings() {
    return OnnxSettings.SPECS;
  }

  @Override
  public ModelInfo describe(ModelRef model, EngineSettings settings) throws BadInputException {
    return info(model, ModelSource.describe(model, OnnxSettings.from(settings)));
  }

  private static ModelInfo info(ModelRef model, ModelSource.Described d) {
    ModelFacts f = d.facts();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("model_type", f.modelType());
    details.put("layers", f.layers());
    if (f.shape() == ModelShape.ENCODER_DECODER) details.put("decoder_layers", f.decoderLayers());
    details.put("hidden", f.hidden());
    details.put("heads", f.heads());
    details.put("kv_heads", f.kvHeads());
    details.put("head_dim", f.headDim());
    details.put("source", d.source());
    if (d.synthConfig() != null) details.put("parameters", d.synthConfig().parameterCount());
    details.put("overrides", f.overrides());
    return new ModelInfo(model.id(), f.shape(), f.maxPositions(), f.vocabSize(), f.specialTokens(), f.configHash(),
        d.dtype(), details);
  }

  @Override
  public LoadedModel load(ModelRef model, EngineSettings engineSettings) throws Exception {
    OnnxSettings settings = OnnxSettings.from(engineSettings);
    settings.checkDevice();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    long t0 = System.nanoTime();
    ModelSource.Resolved r = ModelSource.resolve(model, settings);
    ModelFacts facts = r.described().facts();
    ModelFiles files = ModelFiles.locate(r.dir(), facts.shape(), settings.dtype(), r.layout());
    Map<Path, ByteBuffer> bytes = new LinkedHashMap<>();
    for (Path p : new Path[] {files.encoder(), files.decoder(), files.decoderWithPast()}) {
      if (p != null) bytes.put(p, read(p));
    }
    OnnxTokenizer tokenizer = files.tokenizer() == null ? null : OnnxTokenizer.open(files.tokenizer());
    long modelLoad = System.nanoTime() - t0;
    ModelInfo info = info(model, r.described());
    Map<String, String> effective = settings.effective(files.layout());
    long t1 = System.nanoTime();
    OnnxGraph encoder = null;
    OnnxGraph first = null;
    OnnxGraph withPast = null;
    try (SessionOptions options = settings.sessionOptions()) {
      if (facts.shape() == ModelShape.ENCODER) {
        encoder = OnnxGraph.open(env, files.encoder(), bytes.get(files.encoder()), options);
        encoder.checkEncoder(facts);
        long sessions = System.nanoTime() - t1;
        return new EncoderModel(env, encoder, info, effective, modelLoad, sessions, tokenizer);
      }
      if (files.encoder() != null) encoder = OnnxGraph.open(env, files.encoder(), bytes.get(files.encoder()), options);
      first = OnnxGraph.open(env, files.decoder(), bytes.get(files.decoder()), options);
      withPast = files.decoderWithPast() == null ? first
          : OnnxGraph.open(env, files.decoderWithPast(), bytes.get(files.decoderWithPast()), options);
      first.checkDecoder(facts);
      withPast.checkDecoder(facts);
      if (settings.kvCache() && withPast.pastInputs.isEmpty()) {
        throw new BadInputException(withPast.file + ": graph has no past_key_values inputs, so kv-cache=on cannot run"
            + " (use kv-cache=off or an export with past)");
      }
      OnnxGraph.checkInputs(encoder, first, withPast);
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

  /**
   * Maps the file and reads it into memory, so the timing of session creation does not include the disk; a model
   * with external data (a *.onnx_data file beside it) is opened by path instead (null here).
   */
  private static ByteBuffer read(Path p) throws BadInputException {
    try {
      if (Files.exists(p.resolveSibling(p.getFileName() + "_data"))) return null;
      try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
        if (ch.size() > Integer.MAX_VALUE) return null;
        MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
        return m.load();
      }
    } catch (IOException e) {
      throw new BadInputException(p + ": cannot read model file (" + ModelFacts.oneLine(e) + ")", e);
    }
  }
}
