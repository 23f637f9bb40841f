package org.inferbench.engine.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.inferbench.engine.BadInputException;
import org.inferbench.engine.LogitPositions;
import org.inferbench.engine.ModelFacts;
import org.inferbench.engine.ModelShape;
import org.inferbench.engine.TensorType;
import org.inferbench.engine.WeightBytes;
import org.inferbench.model.Architecture;
import org.inferbench.model.ModelCache;
import org.inferbench.model.HfConfig;
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
    return architecture != Architecture.LLAMA; // the llama family's ONNX graphs are not written yet
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
