package org.inferbench.model.synth;

import static org.inferbench.model.synth.GraphBuilder.BOOL;
import static org.inferbench.model.synth.GraphBuilder.FLOAT;
import static org.inferbench.model.synth.GraphBuilder.FLOAT16;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.model.Architecture;
import org.inferbench.model.HfConfig;

/**
 * Writes a random-weight model in the file layout of a Hugging Face Optimum ONNX export as transformers.js reads it:
 * config.json, generation_config.json, tokenizer files and onnx/*.onnx. Latency depends on architecture, shapes,
 * dtypes and engine, not on weight values, so these models time like the real ones.
 */
public final class OnnxModelWriter {
  /** Bumped whenever the files written change, so cached models are rebuilt. */
  public static final String WRITER_VERSION = "2";

  public static final List<String> DTYPES = List.of("fp32", "fp16", "int8");
  public static final List<String> LAYOUTS = List.of("single", "merged", "split");

  private OnnxModelWriter() {}

  /** The file-name suffix transformers.js uses for a dtype: model.onnx, model_fp16.onnx, model_quantized.onnx. */
  public static String suffix(String dtype) {
    return switch (dtype) {
      case "fp32" -> "";
      case "fp16" -> "_fp16";
      case "int8" -> "_quantized";
      default -> throw new IllegalArgumentException("dtype " + dtype + ": expected one of " + DTYPES);
    };
  }

  /** Writes the model into {@code outDir} (created if absent); returns the ONNX files written. */
  public static List<Path> write(HfConfig config, Path outDir, String dtype, String layout, long weightsSeed)
      throws IOException {
    String suffix = suffix(dtype);
    if (!LAYOUTS.contains(layout)) {
      throw new IllegalArgumentException("layout " + layout + ": expected one of " + LAYOUTS);
    }
    Path onnx = outDir.resolve("onnx");
    Files.createDirectories(onnx);
    config.write(outDir.resolve("config.json"));
    TokenizerWriter.writeGenerationConfig(config, outDir);
    TokenizerWriter.write(config, outDir);

    List<Path> files = new ArrayList<>();
    Architecture arch = config.architecture();
    switch (arch.shape()) {
      case ENCODER -> {
        Path f = onnx.resolve("model" + suffix + ".onnx");
        writeEncoder(encoder(config), f, dtype, weightsSeed);
        files.add(f);
      }
      case DECODER -> files.addAll(writeDecoder(decoder(config), onnx, suffix, dtype, layout, weightsSeed));
      case ENCODER_DECODER -> {
        T5Graph t5 = new T5Graph(config);
        Path f = onnx.resolve("encoder_model" + suffix + ".onnx");
        writeEncoder(t5.encoder(), f, dtype, weightsSeed);
        files.add(f);
        // Optimum exports seq2seq decoders merged or split, never as one cache-only graph: single means merged
        String decoderLayout = layout.equals("single") ? "merged" : layout;
        files.addAll(writeDecoder(t5, onnx, suffix, dtype, decoderLayout, weightsSeed));
      }
    }
    return files;
  }

  static EncoderGraph encoder(HfConfig config) {
    return switch (config.architecture()) {
      case BERT -> new BertGraph(config);
      case MODERNBERT -> new ModernBertGraph(config);
      default -> throw new IllegalArgumentException(config.architecture() + " is not an encoder");
    };
  }

  static DecoderGraph decoder(HfConfig config) {
    return switch (config.architecture()) {
      case GPT2 -> new Gpt2Graph(config);
      case LLAMA -> new LlamaGraph(config);
      default -> throw new IllegalArgumentException(config.architecture() + " is not a decoder-only model");
    };
  }

  static GraphBuilder graph(String name, String dtype, long seed) {
    return new GraphBuilder(name, new TensorStore(seed), dtype.equals("fp16") ? FLOAT16 : FLOAT, dtype.equals("int8"));
  }

  private static void writeEncoder(EncoderGraph e, Path file, String dtype, long seed) throws IOException {
    GraphBuilder g = graph("main_graph", dtype, seed);
    e.inputs(g);
    String hidden = e.body(g);
    g.output("last_hidden_state", hidden, g.elemType, "batch_size", e.sequenceDim(), e.hidden());
    OnnxFileWriter.write(file, g.build(), g.store);
  }

  private static List<Path> writeDecoder(DecoderGraph d, Path onnx, String suffix, String dtype,
      String layout, long seed) throws IOException {
    List<Path> files = new ArrayList<>();
    switch (layout) {
      case "single" -> {
        Path f = onnx.resolve("model" + suffix + ".onnx");
        writeStep(d, f, dtype, seed, true);
        files.add(f);
      }
      case "split" -> {
        Path first = onnx.resolve("decoder_model" + suffix + ".onnx");
        Path next = onnx.resolve("decoder_with_past_model" + suffix + ".onnx");
        writeStep(d, first, dtype, seed, false);
        writeStep(d, next, dtype, seed, true);
        files.add(first);
        files.add(next);
      }
      case "merged" -> {
        Path f = onnx.resolve("decoder_model_merged" + suffix + ".onnx");
        writeMerged(d, f, dtype, seed);
        files.add(f);
      }
      default -> throw new IllegalArgumentException("layout " + layout + ": expected one of " + LAYOUTS);
    }
    return files;
  }

  private static void writeStep(DecoderGraph d, Path file, String dtype, long seed, boolean withPast)
      throws IOException {
    GraphBuilder g = graph("main_graph", dtype, seed);
    d.inputs(g, withPast);
    Map<String, String> values = d.body(g, withPast);
    for (Map.Entry<String, Object[]> o : d.outputs(withPast, false).entrySet()) {
      g.output(o.getKey(), values.get(o.getKey()), g.elemType, o.getValue());
    }
    OnnxFileWriter.write(file, g.build(), g.store);
  }

  /**
   * Optimum's merged decoder: one file, both steps as the branches of an If on the bool input use_cache_branch,
   * sharing the outer graph's initializers. The first step passes empty past tensors, which its branch ignores.
   */
  private static void writeMerged(DecoderGraph d, Path file, String dtype, long seed) throws IOException {
    GraphBuilder g = graph("main_graph", dtype, seed);
    d.inputs(g, true);
    g.input("use_cache_branch", BOOL, 1);
    LinkedHashMap<String, Object[]> outs = d.outputs(true, true);
    GraphBuilder withPast = g.branch("with_past");
    GraphBuilder noPast = g.branch("no_past");
    Map<String, String> a = d.body(withPast, true);
    Map<String, String> b = d.body(noPast, false);
    for (Map.Entry<String, Object[]> o : outs.entrySet()) {
      withPast.output("with_past/" + o.getKey(), a.get(o.getKey()), g.elemType, o.getValue());
      noPast.output("no_past/" + o.getKey(), b.get(o.getKey()), g.elemType, o.getValue());
    }
    g.op("If", "use_cache_branch").attr("then_branch", withPast.build()).attr("else_branch", noPast.build())
        .outsNamed(outs.keySet().toArray(String[]::new));
    for (Map.Entry<String, Object[]> o : outs.entrySet()) {
      g.output(o.getKey(), o.getKey(), g.elemType, o.getValue());
    }
    OnnxFileWriter.write(file, g.build(), g.store);
  }

  /**
   * The float32 weights a model with this config and seed has, by name, in the orientation the graphs multiply
   * ([in, out] for linear layers): what a reference implementation needs to reproduce the ONNX outputs.
   */
  public static WeightSet weights(HfConfig config, long seed) {
    GraphBuilder g = graph("main_graph", "fp32", seed);
    switch (config.architecture().shape()) {
      case ENCODER -> {
        EncoderGraph e = encoder(config);
        e.inputs(g);
        e.body(g);
      }
      case DECODER -> {
        DecoderGraph d = decoder(config);
        d.inputs(g, true);
        d.body(g, true);
      }
      case ENCODER_DECODER -> {
        T5Graph t5 = new T5Graph(config);
        t5.encoder().inputs(g);
        t5.encoder().body(g);
        GraphBuilder dg = g.branch("decoder");
        t5.inputs(dg, false);
        t5.body(dg, false);
      }
    }
    return new WeightSet(g.store);
  }
}
