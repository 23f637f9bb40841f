package org.inferbench.model.gguf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;
import org.inferbench.core.BadInputException;
import org.inferbench.core.LogitPositions;
import org.inferbench.core.ModelFacts;
import org.inferbench.core.TensorType;
import org.inferbench.core.WeightBytes;
import org.inferbench.model.Architecture;
import org.inferbench.model.HfConfig;
import org.inferbench.model.Inspection;
import org.inferbench.model.ModelCache;
import org.inferbench.model.ModelFormat;
import org.inferbench.model.NotEnoughSpaceException;

/**
 * llama.cpp's GGUF files, written from a config with seeded random weights in any of {@link GgufFileType}'s types,
 * each tensor at the type llama.cpp's quantizer would give it.
 */
public final class GgufFormat implements ModelFormat {
  /** 256 byte tokens plus unknown, bos and eos. */
  static final int MIN_VOCAB = 259;

  @Override
  public String name() {
    return "gguf";
  }

  @Override
  public List<String> dtypes() {
    return GgufFileType.names();
  }

  @Override
  public boolean writes(Architecture architecture) {
    return TensorPlan.writes(architecture);
  }

  @Override
  public String cacheName(String model, HfConfig config, Synthesis s) {
    return ModelCache.safeName(model) + "-" + config.configHash().substring(0, 16) + "-gguf-" + s.dtype() + "-seed"
        + s.weightsSeed() + "-w" + GgufModelWriter.VERSION;
  }

  /** The file a directory written by {@link #write} holds: named for its type, as llama.cpp's tools name files. */
  public static Path file(Path dir, String dtype) {
    return dir.resolve("model-" + dtype.toLowerCase(Locale.ROOT) + ".gguf");
  }

  /** Tensor data at each tensor's type and alignment, plus a generous bound on the header (the vocabulary). */
  @Override
  public long sizeEstimate(HfConfig config, Synthesis s) {
    long bytes = 0;
    for (TensorPlan.Entry e : TensorPlan.of(config, GgufFileType.parse(s.dtype())).tensors()) bytes += e.bytes() + 32;
    return bytes + 64L * config.vocabSize() + (1 << 20);
  }

  /**
   * Writes the file tensor by tensor (a buffer of about a megabyte, whatever the model's size), after checking the
   * disk holds it.
   *
   * @throws NotEnoughSpaceException (an IOException) naming the directory, before anything is written
   */
  @Override
  public List<Path> write(HfConfig config, Path dir, Synthesis s) throws IOException {
    if (s.layout() != null) throw new IllegalArgumentException("layout: a GGUF model is one file");
    GgufFileType type = GgufFileType.parse(s.dtype());
    java.nio.file.Files.createDirectories(dir);
    NotEnoughSpaceException.check(dir, sizeEstimate(config, s));
    Path file = file(dir, type.name());
    GgufModelWriter.write(config, file, type, s.weightsSeed(), config.architecture().modelType());
    return List.of(file);
  }

  /**
   * Dimensions from the config; bytes per weight of each kind from the tensors the file holds at their own types
   * (element-weighted means); llama.cpp computes logits for the last position only; an f16 KV cache (its default).
   */
  @Override
  public ModelFacts facts(HfConfig config, String dtype) throws BadInputException {
    if (!writes(config.architecture())) {
      throw new BadInputException("model_type " + config.architecture().modelType() + ": GGUF is written for the"
          + " decoders only (gpt2, llama, qwen2, qwen3, qwen3_moe, gemma3_text, phi3, olmoe, gpt_oss)");
    }
    if (config.vocabSize() < MIN_VOCAB) {
      throw new BadInputException("vocab_size " + config.vocabSize() + ": a GGUF vocabulary needs at least " + MIN_VOCAB
          + " tokens (the 256 byte tokens and the special ones)");
    }
    GgufFileType type;
    try {
      type = GgufFileType.parse(dtype);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    return facts(config, TensorPlan.of(config, type));
  }

  static ModelFacts facts(HfConfig config, TensorPlan plan) {
    double matmul = mean(plan.totals(TensorPlan.Kind.MATMUL));
    double norms = mean(plan.totals(TensorPlan.Kind.NORM_BIAS));
    TensorPlan.Entry tokens = plan.get("token_embd.weight");
    TensorPlan.Entry output = plan.get("output.weight");
    TensorPlan.Entry positions = plan.get("position_embd.weight");
    double tokenRow = tokens.type().bytesPerWeight();
    // each step gathers one row of each embedding table: equal widths, so the plain mean of their types
    double embedding = positions == null ? tokenRow : (tokenRow + positions.type().bytesPerWeight()) / 2;
    double lmHead = (output != null ? output : tokens).type().bytesPerWeight();
    long[] experts = plan.totals(TensorPlan.Kind.EXPERTS);
    WeightBytes w = new WeightBytes(matmul, lmHead, embedding, norms, label(plan),
        experts[1] > 0 ? mean(experts) : matmul);
    return new ModelFacts(config.dims(), w, LogitPositions.LAST, TensorType.F16.bytesPerWeight());
  }

  /** A .gguf file, or any file that starts with GGUF's magic. */
  @Override
  public Optional<Inspection> inspect(Path path) throws BadInputException {
    if (!Files.isRegularFile(path) || !(path.toString().endsWith(".gguf") || startsWithMagic(path))) {
      return Optional.empty();
    }
    GgufFile f = GgufFile.read(path);
    Map<String, long[]> types = new LinkedHashMap<>();
    long parameters = 0;
    for (var e : f.typeHistogram().entrySet()) {
      types.put(e.getKey().name(), new long[] {e.getValue().tensors(), e.getValue().elements(), e.getValue().bytes()});
    }
    for (TensorInfo t : f.tensors()) {
      if (!t.name().equals("rope_freqs.weight")) parameters += t.elements();
    }
    String fileType = f.fileType().map(t -> t + (f.get("general.file_type").isPresent() ? "" : " (from the file name)"))
        .orElse("unknown");
    List<String> notes = new ArrayList<>();
    notes.add("bytes per token assume llama.cpp's default f16 KV cache and logits for the last position only");
    if (f.tensor("output.weight").isEmpty()) notes.add("lm_head tied to token_embd (no output.weight)");
    return Optional.of(new Inspection(name(), f.architecture(), parameters, GgufFacts.trainContext(f), fileType,
        types, f.fileSize(), GgufFacts.of(f, TensorType.F16.bytesPerWeight()), notes));
  }

  private static boolean startsWithMagic(Path path) {
    try (var in = Files.newInputStream(path)) {
      return java.util.Arrays.equals(in.readNBytes(4), new byte[] {'G', 'G', 'U', 'F'});
    } catch (IOException e) {
      return false;
    }
  }

  private static double mean(long[] bytesAndElements) {
    return (double) bytesAndElements[0] / bytesAndElements[1];
  }

  /** "Q4_K_M: Q4_K, Q6_K" style: the types the weights are stored in. */
  private static String label(TensorPlan plan) {
    java.util.Set<String> types = new java.util.TreeSet<>();
    for (TensorPlan.Entry e : plan.tensors()) {
      if (e.dims().length > 1) types.add(e.type().label());
    }
    return String.join(", ", types);
  }
}
