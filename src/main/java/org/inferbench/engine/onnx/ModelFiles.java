package org.inferbench.engine.onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import org.inferbench.engine.BadInputException;
import org.inferbench.engine.ModelShape;

/**
 * The ONNX files of one model directory laid out as Hugging Face Optimum exports them (and transformers.js reads
 * them): {@code onnx/model.onnx}, {@code onnx/decoder_model_merged.onnx}, {@code onnx/encoder_model.onnx}, ...,
 * each with a {@code _fp16} / {@code _quantized} variant.
 *
 * @param layout encoder, single, merged or split
 * @param encoder the encoder graph (encoders and encoder-decoders), else null
 * @param decoder the decoder graph: model.onnx (single), decoder_model_merged.onnx (merged), decoder_model.onnx
 *     (split); null for encoders
 * @param decoderWithPast decoder_with_past_model.onnx for the split layout, else null
 * @param tokenizer tokenizer.json, or null when the directory has none
 */
record ModelFiles(String layout, Path encoder, Path decoder, Path decoderWithPast, Path tokenizer) {

  static String suffix(String dtype) {
    return switch (dtype) {
      case "fp16" -> "_fp16";
      case "int8" -> "_quantized";
      default -> "";
    };
  }

  static ModelFiles locate(Path dir, ModelShape shape, String dtype, String layout) throws BadInputException {
    Path onnx = Files.isDirectory(dir.resolve("onnx")) ? dir.resolve("onnx") : dir;
    String s = suffix(dtype);
    Path tokenizer = Files.isRegularFile(dir.resolve("tokenizer.json")) ? dir.resolve("tokenizer.json") : null;
    if (shape == ModelShape.ENCODER) {
      return new ModelFiles("encoder", need(onnx.resolve("model" + s + ".onnx"), dtype), null, null, tokenizer);
    }
    Path encoder = shape == ModelShape.ENCODER_DECODER ? need(onnx.resolve("encoder_model" + s + ".onnx"), dtype)
        : null;
    Path merged = onnx.resolve("decoder_model_merged" + s + ".onnx");
    Path single = onnx.resolve("model" + s + ".onnx");
    Path first = onnx.resolve("decoder_model" + s + ".onnx");
    Path withPast = onnx.resolve("decoder_with_past_model" + s + ".onnx");
    String chosen = layout;
    if (chosen.equals("auto")) {
      if (Files.exists(merged)) chosen = "merged";
      else if (shape == ModelShape.DECODER && Files.exists(single)) chosen = "single";
      else if (Files.exists(first) || Files.exists(withPast)) chosen = "split";
      else throw new BadInputException(dir + ": no decoder ONNX file for dtype=" + dtype + " (expected "
          + merged.getFileName() + ", " + (shape == ModelShape.DECODER ? single.getFileName() + ", " : "")
          + first.getFileName() + " + " + withPast.getFileName() + " in " + onnx + ")");
    }
    return switch (chosen) {
      case "merged" -> new ModelFiles("merged", encoder, need(merged, dtype), null, tokenizer);
      case "split" -> new ModelFiles("split", encoder, need(first, dtype), need(withPast, dtype), tokenizer);
      case "single" -> {
        if (shape == ModelShape.ENCODER_DECODER) {
          throw new BadInputException("layout=single: an encoder-decoder has no single-file decoder (use merged or split)");
        }
        yield new ModelFiles("single", null, need(single, dtype), null, tokenizer);
      }
      default -> throw new BadInputException("layout: expected auto|single|merged|split, got '" + chosen + "'");
    };
  }

  private static Path need(Path p, String dtype) throws BadInputException {
    if (!Files.isRegularFile(p)) {
      throw new BadInputException(p + ": missing ONNX file (needed for dtype=" + dtype + ")");
    }
    return p;
  }
}
