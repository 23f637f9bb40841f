package org.inferbench.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.inferbench.core.BadInputException;
import org.inferbench.core.ModelFacts;

/**
 * A file format models are stored in (ONNX today, GGUF next): how to write one with seeded random weights, how
 * its cache entries are named, and what a written or downloaded model's files say. Implementations register in
 * {@code META-INF/services/org.inferbench.model.ModelFormat}; {@link ModelFormats} finds them by name.
 */
public interface ModelFormat {
  /** The name {@code --model-format} takes. */
  String name();

  /** The weight types the writer produces, the default first (fp32, fp16, int8; or F16, Q8_0, Q4_K_M, ...). */
  List<String> dtypes();

  /**
   * The ways the format can split a model into files (ONNX decoders: single, merged, split), the default first;
   * empty when there is one way.
   */
  default List<String> layouts() {
    return List.of();
  }

  /** Whether the writer can write this architecture. */
  boolean writes(Architecture architecture);

  /** The cache entry's directory name: every input that changes the files written, the writer's version included. */
  String cacheName(String model, HfConfig config, Synthesis synthesis);

  /**
   * Writes the model into an empty directory and returns the files written.
   *
   * @throws IllegalArgumentException when the dtype or layout is not one this format takes
   */
  List<Path> write(HfConfig config, Path dir, Synthesis synthesis) throws IOException;

  /**
   * Bytes the files of {@link #write} will take, when the format can tell before writing (GGUF: the tensors at
   * their types plus the header), so a caller can refuse a model larger than the free disk; -1 when unknown.
   */
  default long sizeEstimate(HfConfig config, Synthesis synthesis) {
    return -1;
  }

  /** The facts of a model of this format at the given dtype (dimensions, bytes per weight, logits, KV bytes). */
  ModelFacts facts(HfConfig config, String dtype) throws BadInputException;

  /**
   * Describes a model file or directory of this format without loading its weights; empty when the path is not one.
   *
   * @throws BadInputException when the path is of this format but broken (names the file and what is wrong)
   */
  Optional<Inspection> inspect(Path path) throws BadInputException;

  /**
   * What to write: the weight type, the file layout, and the seed of the random weights.
   *
   * @param layout one of {@link #layouts()}, or null for the format's default
   */
  record Synthesis(String dtype, String layout, long weightsSeed) {}
}
