package org.inferbench.engine.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.inferbench.core.BadInputException;
import org.inferbench.core.LogitPositions;
import org.inferbench.core.ModelFacts;
import org.inferbench.core.ModelShape;
import org.inferbench.core.TensorType;
import org.inferbench.core.WeightBytes;
import org.inferbench.model.Architecture;
import org.inferbench.model.ModelCache;
import org.inferbench.model.HfConfig;
import org.inferbench.model.Inspection;
import org.inferbench.model.ModelFormat;
import org.inferbench.model.synth.OnnxModelWriter;

/** Hugging Face Optimum's ONNX export layout (as transformers.js loads it), written by the ONNX synthesiser. */
public final class OnnxFormat implements ModelFormat {
  @Override
  public String name() {
    return "onnx";
  }

  @Override
  public List<String> dtypes() {
    return OnnxModelWriter.DTYPES;
  }

  @Override
  public List<String> layouts() {
    return OnnxModelWriter.LAYOUTS;
  }

  @Override
  public boolean writes(Architecture architecture) {
    return true;
  }

  @Override
  public String cacheName(String model, HfConfig config, Synthesis s) {
    return ModelCache.safeName(model) + "-" + config.configHash().substring(0, 16) + "-" + s.dtype() + "-"
        + layout(s) + "-seed" + s.weightsSeed() + "-w" + OnnxModelWriter.WRITER_VERSION;
  }

  @Override
  public List<Path> write(HfConfig config, Path dir, Synthesis s) throws IOException {
    return OnnxModelWriter.write(config, dir, s.dtype(), layout(s), s.weightsSeed());
  }

  private String layout(Synthesis s) {
    return s.layout() != null ? s.layout() : layouts().get(0);
  }

  /**
   * A directory with config.json and at least one ONNX file of an export: its config's dimensions, every dtype
   * variant found (file names as transformers.js gives them), and the facts of the first of fp32, fp16, int8 present.
   */
  @Override
  public Optional<Inspection> inspect(Path path) throws BadInputException {
    if (!Files.isDirectory(path) || !Files.isRegularFile(path.resolve("config.json"))) return Optional.empty();
    List<Path> files;
    try (Stream<Path> s = Stream.concat(list(path), list(path.resolve("onnx")))) {
      files = s.filter(p -> p.toString().endsWith(".onnx")).sorted().toList();
    }
    if (files.isEmpty()) return Optional.empty();
    HfConfig config = HfConfig.read(path.resolve("config.json"));
    Map<String, long[]> variants = new LinkedHashMap<>();
    long bytes = 0;
    for (Path f : files) {
      long size = size(f) + size(f.resolveSibling(f.getFileName() + "_data"));
      bytes += size;
      variants.merge(dtypeOf(f), new long[] {1, 0, size}, (a, b) -> new long[] {a[0] + 1, 0, a[2] + b[2]});
    }
    String dtype = dtypes().stream().filter(variants::containsKey).findFirst().orElse("fp32");
    List<String> notes = List.of("tensor types by file variant (dtype): elements are not counted for ONNX files",
        "bytes per token for the " + dtype + " variant: logits for every prompt position, KV cache at its dtype");
    return Optional.of(new Inspection(name(), config.architecture().modelType(), config.parameterCount(),
        config.maxPositions(), String.join(", ", variants.keySet()), variants, bytes, facts(config, dtype), notes));
  }

  /** transformers.js's file names: model.onnx, model_fp16.onnx, model_quantized.onnx (any decoder prefix). */
  private static String dtypeOf(Path f) {
    String n = f.getFileName().toString();
    return n.endsWith("_fp16.onnx") ? "fp16" : n.endsWith("_quantized.onnx") ? "int8" : "fp32";
  }

  private static Stream<Path> list(Path dir) throws BadInputException {
    if (!Files.isDirectory(dir)) return Stream.empty();
    try {
      return Files.list(dir);
    } catch (IOException e) {
      throw new BadInputException(dir + ": cannot list (" + BadInputException.oneLine(e) + ")", e);
    }
  }

  private static long size(Path f) throws BadInputException {
    try {
      return Files.exists(f) ? Files.size(f) : 0;
    } catch (IOException e) {
      throw new BadInputException(f + ": cannot read its size (" + BadInputException.oneLine(e) + ")", e);
    }
  }

  /**
   * Optimum's decoders return logits for every position, so a prefill runs lm_head over the whole prompt. int8 is
   * ONNX Runtime's dynamic quantisation: the projection MatMuls hold one byte per weight, while a tied lm_head
   * (the embedding read through a Transpose), the embeddings, norms, biases and the KV cache stay fp32.
   */
  @Override
  public ModelFacts facts(HfConfig config, String dtype) throws BadInputException {
    var dims = config.dims();
    return switch (dtype) {
      case "fp32" -> ModelFacts.uniform(dims, TensorType.F32, LogitPositions.EVERY);
      case "fp16" -> ModelFacts.uniform(dims, TensorType.F16, LogitPositions.EVERY);
      case "int8" -> {
        double f32 = TensorType.F32.bytesPerWeight();
        double lmHead = dims.tiedLmHead() || dims.shape() == ModelShape.ENCODER ? f32
            : TensorType.INT8.bytesPerWeight();
        yield new ModelFacts(dims, new WeightBytes(TensorType.INT8.bytesPerWeight(), lmHead, f32, f32,
            "int8 (projections; embeddings, norms" + (lmHead == f32 ? ", lm_head" : "") + " fp32)"),
            LogitPositions.EVERY, f32);
      }
      default -> throw new BadInputException("dtype " + dtype + ": expected one of " + String.join(", ", dtypes()));
    };
  }
}
