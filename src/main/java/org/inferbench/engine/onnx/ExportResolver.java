package org.inferbench.engine.onnx;

import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.ModelRef;
import org.inferbench.core.ModelShape;
import org.inferbench.model.Architecture;
import org.inferbench.model.ModelCache;
import org.inferbench.model.HfConfig;
import org.inferbench.model.ModelFormat;
import org.inferbench.model.Presets;
import org.inferbench.model.synth.OnnxModelWriter;

/**
 * Turns {@code --model} into ONNX files. A directory is read as an Optimum export (config.json, onnx/*.onnx); a
 * preset name, or any name with {@code --model-config}, is synthesised with random weights into the model cache on
 * first use and reused afterwards. {@link #describe} reads configs only.
 */
public final class ExportResolver {
  private final ModelCache cache;
  private final OnnxFormat format = new OnnxFormat();

  public ExportResolver(Path cacheRoot) {
    this.cache = new ModelCache(cacheRoot);
  }

  public static ExportResolver withDefaultCache() {
    return new ExportResolver(ModelCache.defaultRoot());
  }

  public Path cacheRoot() {
    return cache.root();
  }

  /** What describe() knows: the config, where it comes from, and the tokenizer when a directory has one. */
  record Described(HfConfig config, String source, boolean synthetic, Path tokenizerJson) {}

  /** The model's config without writing or reading any ONNX file. */
  Described describe(ModelRef ref) throws BadInputException {
    Path dir = Path.of(ref.id());
    if (Files.isDirectory(dir)) {
      checkNoOverrides(ref.options(), dir);
      Path tokenizer = dir.resolve("tokenizer.json");
      return new Described(readDirConfig(dir, ref.configFile()), dir.toAbsolutePath().toString(), false,
          Files.isRegularFile(tokenizer) ? tokenizer : null);
    }
    String source = ref.configFile() != null ? "synthetic from " + ref.configFile() : "synthetic preset " + ref.id();
    return new Described(synthConfig(ref.id(), ref.configFile(), ref.options()), source, true, null);
  }

  /** {@link #resolve(String, Path, Map, String, String, long)} for the engine SPI's model reference. */
  public OnnxExport resolve(ModelRef ref, String dtype, String layout, long weightsSeed) throws BadInputException {
    return resolve(ref.id(), ref.configFile(), ref.options(), dtype, layout, weightsSeed);
  }

  /**
   * @param modelArg a directory, or a preset name (or any label when configFile is given)
   * @param configFile {@code --model-config}, or null
   * @param overrides {@code --model-opt} fields (synthesised models only)
   * @param dtype fp32, fp16 or int8
   * @param layout single, merged or split (decoders; a directory's other layout is used when the asked one is
   *     absent)
   * @param weightsSeed seed of the random weights of a synthesised model
   */
  public OnnxExport resolve(String modelArg, Path configFile, Map<String, String> overrides, String dtype,
      String layout, long weightsSeed) throws BadInputException {
    if (!OnnxModelWriter.DTYPES.contains(dtype)) {
      throw new BadInputException("--dtype " + dtype + ": expected one of " + String.join(", ",
          OnnxModelWriter.DTYPES));
    }
    if (!OnnxModelWriter.LAYOUTS.contains(layout)) {
      throw new BadInputException("--layout " + layout + ": expected one of " + String.join(", ",
          OnnxModelWriter.LAYOUTS));
    }
    Path dir = Path.of(modelArg);
    if (Files.isDirectory(dir)) {
      checkNoOverrides(overrides, dir);
      HfConfig config = readDirConfig(dir, configFile);
      return find(modelArg, dir, config, dtype, layout, false);
    }
    if (Files.exists(dir)) {
      throw new BadInputException("--model " + modelArg + ": is a file; expected a model directory or a preset name");
    }
    HfConfig config = synthConfig(modelArg, configFile, overrides);
    if (!format.writes(config.architecture())) {
      throw new BadInputException("--model " + modelArg + ": InferBench writes no ONNX export of "
          + config.architecture().modelType() + " models yet; run it on an engine that takes GGUF (see `inferbench engines`)");
    }
    Path entry = cache.entry(format, modelArg, config,
        new ModelFormat.Synthesis(dtype, layout, weightsSeed));
    return find(modelArg, entry, config, dtype, layout, true);
  }

  private static void checkNoOverrides(Map<String, String> overrides, Path dir) throws BadInputException {
    if (!overrides.isEmpty()) {
      throw new BadInputException("--model-opt " + overrides.keySet().iterator().next()
          + ": overrides apply to synthesised models only; the ONNX graph in " + dir + " fixes its shape");
    }
  }

  private static HfConfig synthConfig(String name, Path configFile, Map<String, String> overrides)
      throws BadInputException {
    HfConfig base = configFile != null ? HfConfig.read(configFile) : Presets.get(name);
    try {
      return base.withOverrides(overrides);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }

  private static HfConfig readDirConfig(Path dir, Path configFile) throws BadInputException {
    if (configFile != null) {
      return HfConfig.read(configFile);
    }
    Path json = dir.resolve("config.json");
    if (!Files.isRegularFile(json)) {
      throw new BadInputException(dir + ": no config.json; pass --model-config FILE with the model's Hugging Face "
          + "config");
    }
    return HfConfig.read(json);
  }

  private static List<String> layoutsToTry(Architecture arch, String asked) {
    Set<String> order = new LinkedHashSet<>();
    order.add(arch == Architecture.T5 && asked.equals("single") ? "merged" : asked);
    order.add("merged");
    if (arch != Architecture.T5) {
      order.add("single");
    }
    order.add("split");
    return new ArrayList<>(order);
  }

  private static List<String> decoderNames(String layout, String suffix) {
    return switch (layout) {
      case "single" -> List.of("model" + suffix + ".onnx");
      case "merged" -> List.of("decoder_model_merged" + suffix + ".onnx");
      default -> List.of("decoder_model" + suffix + ".onnx", "decoder_with_past_model" + suffix + ".onnx");
    };
  }

  /** The file in onnx/ or, failing that, in the directory itself (some exports are flat). */
  private static Path locate(Path dir, String name) {
    for (Path p : new Path[] {dir.resolve("onnx").resolve(name), dir.resolve(name)}) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  private static OnnxExport find(String name, Path dir, HfConfig config, String dtype, String layout,
      boolean synthesized) throws BadInputException {
    Architecture arch = config.architecture();
    String suffix = OnnxModelWriter.suffix(dtype);
    List<String> lookedFor = new ArrayList<>();
    Path encoder = null;
    if (arch.shape() != ModelShape.DECODER) {
      String encName = arch == Architecture.T5 ? "encoder_model" + suffix + ".onnx" : "model" + suffix + ".onnx";
      lookedFor.add("onnx/" + encName);
      encoder = locate(dir, encName);
      if (encoder == null) {
        throw notAnExport(dir, arch, dtype, lookedFor);
      }
      if (arch.shape() == ModelShape.ENCODER) {
        checkEncoder(encoder, config);
        return new OnnxExport(name, dir, config, arch, dtype, "single", encoder, List.of(), tokenizer(dir),
            synthesized);
      }
    }
    for (String l : layoutsToTry(arch, layout)) {
      List<Path> files = new ArrayList<>();
      for (String n : decoderNames(l, suffix)) {
        lookedFor.add("onnx/" + n);
        Path p = locate(dir, n);
        if (p != null) {
          files.add(p);
        }
      }
      if (files.size() == decoderNames(l, suffix).size()) {
        checkDecoder(files.get(files.size() - 1), config);
        return new OnnxExport(name, dir, config, arch, dtype, l, encoder, files, tokenizer(dir), synthesized);
      }
    }
    throw notAnExport(dir, arch, dtype, lookedFor);
  }

  private static BadInputException notAnExport(Path dir, Architecture arch, String dtype, List<String> lookedFor) {
    return new BadInputException(dir + ": not an ONNX export of a " + arch.modelType() + " model for --dtype " + dtype
        + "; looked for " + String.join(", ", new LinkedHashSet<>(lookedFor)));
  }

  private static Path tokenizer(Path dir) {
    Path t = dir.resolve("tokenizer.json");
    return Files.isRegularFile(t) ? t : null;
  }

  private static List<ValueInfoProto> inputs(Path file) throws BadInputException {
    try {
      return OnnxGraphInputs.read(file);
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read as an ONNX model (" + e.getMessage() + ")", e);
    }
  }

  private static void checkEncoder(Path file, HfConfig config) throws BadInputException {
    List<ValueInfoProto> in = inputs(file);
    if (in.stream().noneMatch(v -> v.getName().equals("input_ids"))) {
      throw new BadInputException(file + ": the graph has no input_ids input; expected a transformer export");
    }
  }

  /** Checks what the config says against the cache inputs: layer count, heads and head size. */
  private static void checkDecoder(Path file, HfConfig config) throws BadInputException {
    List<ValueInfoProto> in = inputs(file);
    List<ValueInfoProto> pastKeys = in.stream().filter(v -> v.getName().startsWith("past_key_values.")
        && (v.getName().endsWith(".key") && !v.getName().endsWith(".encoder.key"))).toList();
    if (pastKeys.isEmpty()) {
      return; // a first-step file of a split export has no cache inputs
    }
    if (pastKeys.size() != config.layers()) {
      throw new BadInputException(file + ": " + pastKeys.size() + " layers of past_key_values but the config says "
          + config.layers());
    }
    TensorShapeProto shape = pastKeys.get(0).getType().getTensorType().getShape();
    if (shape.getDimCount() != 4) {
      throw new BadInputException(file + ": " + pastKeys.get(0).getName() + " has " + shape.getDimCount()
          + " dims; expected [batch_size, heads, past_sequence_length, head_dim]");
    }
    checkDim(file, pastKeys.get(0).getName(), shape.getDim(1), "heads", config.kvHeads());
    checkDim(file, pastKeys.get(0).getName(), shape.getDim(3), "head_dim", config.headDim());
  }

  private static void checkDim(Path file, String input, TensorShapeProto.Dimension dim, String what, int expected)
      throws BadInputException {
    if (dim.hasDimValue() && dim.getDimValue() != expected) {
      throw new BadInputException(file + ": " + input + " has " + what + " " + dim.getDimValue()
          + " but the config gives " + expected);
    }
  }
}
