package org.inferbench.engine.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A small GPT-style decoder written as an ONNX graph with the input and output names of an Optimum export
 * (input_ids, attention_mask, position_ids, past_key_values.N.key/value -> logits, present.N.key/value), for tests
 * of the engine's cache plumbing independent of the synthetic model writer. Causal attention against the cache,
 * a tanh MLP, random weights from a seed.
 */
final class TinyGptGraph {
  final int layers;
  final int heads;
  final int headDim;
  final int vocab;
  final int positions;
  private final long seed;
  private int counter;
  private String prefix = "";

  TinyGptGraph(int layers, int heads, int headDim, int vocab, int positions, long seed) {
    this.layers = layers;
    this.heads = heads;
    this.headDim = headDim;
    this.vocab = vocab;
    this.positions = positions;
    this.seed = seed;
  }

  int hidden() {
    return heads * headDim;
  }

  /** The GPT-2 style config.json describing this graph. */
  String configJson() {
    return "{\"model_type\": \"gpt2\", \"n_layer\": " + layers + ", \"n_head\": " + heads + ", \"n_embd\": " + hidden()
        + ", \"vocab_size\": " + vocab + ", \"n_positions\": " + positions
        + ", \"bos_token_id\": 0, \"eos_token_id\": " + (vocab - 1) + "}";
  }

  /** Writes config.json and onnx/ files of the given layout (single or split). */
  Path writeModel(Path dir, String layout) throws IOException {
    Files.createDirectories(dir.resolve("onnx"));
    Files.writeString(dir.resolve("config.json"), configJson());
    if (layout.equals("merged")) {
      Files.write(dir.resolve("onnx/decoder_model_merged.onnx"), buildMerged().toByteArray());
    } else if (layout.equals("split")) {
      Files.write(dir.resolve("onnx/decoder_model.onnx"), build(false).toByteArray());
      Files.write(dir.resolve("onnx/decoder_with_past_model.onnx"), build(true).toByteArray());
    } else {
      Files.write(dir.resolve("onnx/model.onnx"), build(true).toByteArray());
      Files.write(dir.resolve("onnx/model_fp16.onnx"), build(true, true).toByteArray());
    }
    return dir;
  }

  ModelProto build(boolean withPast) {
    return build(withPast, false);
  }

  /**
   * With {@code fp16Io} the past/present tensors and the logits are float16 at the graph's boundary (as in a
   * model_fp16.onnx export) while the arithmetic inside stays float32.
   */
  ModelProto build(boolean withPast, boolean fp16Io) {
    GraphProto.Builder g = GraphProto.newBuilder().setName("tiny_gpt");
    body(g, g, "", withPast, fp16Io, true);
    return model(g);
  }

  /**
   * Optimum's merged decoder: one file whose If node on use_cache_branch runs the with-past branch or the
   * no-past branch, both reading the outer graph's weights.
   */
  ModelProto buildMerged() {
    GraphProto.Builder top = GraphProto.newBuilder().setName("tiny_gpt_merged");
    GraphProto.Builder withPast = GraphProto.newBuilder().setName("with_past");
    GraphProto.Builder noPast = GraphProto.newBuilder().setName("no_past");
    body(top, withPast, "wp_", true, false, true);
    body(GraphProto.newBuilder(), noPast, "np_", false, false, false);
    top.addInput(value("use_cache_branch", TensorProto.DataType.BOOL, "1"));
    NodeProto.Builder iff = NodeProto.newBuilder().setOpType("If").setName("optimum_if").addInput("use_cache_branch");
    for (ValueInfoProto out : withPast.getOutputList()) {
      String name = out.getName().substring("wp_".length());
      iff.addOutput(name);
      top.addOutput(out.toBuilder().setName(name));
    }
    iff.addAttribute(AttributeProto.newBuilder().setName("then_branch").setType(AttributeProto.AttributeType.GRAPH)
        .setG(withPast));
    iff.addAttribute(AttributeProto.newBuilder().setName("else_branch").setType(AttributeProto.AttributeType.GRAPH)
        .setG(noPast));
    top.addNode(iff);
    return model(top);
  }

  private static ModelProto model(GraphProto.Builder g) {
    return ModelProto.newBuilder().setIrVersion(8).setProducerName("inferbench-test")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).setGraph(g).build();
  }

  /**
   * Writes the decoder into {@code g} (nodes and outputs, names prefixed) with inputs and initializers in
   * {@code top}; {@code declare} false draws the same weights without adding them again (a second If branch).
   */
  private void body(GraphProto.Builder top, GraphProto.Builder g, String prefix, boolean withPast, boolean fp16Io,
      boolean declare) {
    counter = 0;
    this.prefix = prefix;
    TensorProto.DataType io = fp16Io ? TensorProto.DataType.FLOAT16 : TensorProto.DataType.FLOAT;
    Random rnd = new Random(seed);
    int c = hidden();
    GraphProto.Builder t = declare ? top : GraphProto.newBuilder();
    t.addInput(value("input_ids", TensorProto.DataType.INT64, "batch_size", "sequence_length"));
    t.addInput(value("attention_mask", TensorProto.DataType.INT64, "batch_size", "total_length"));
    t.addInput(value("position_ids", TensorProto.DataType.INT64, "batch_size", "sequence_length"));
    weight(t, "wte", rnd, 1.0, vocab, c);
    weight(t, "wpe", rnd, 0.3, positions, c);
    weight(t, "lm_head", rnd, 1.0, c, vocab);
    longs(t, "split_heads", 0, 0, heads, headDim);
    longs(t, "merge_heads", 0, 0, c);
    longs(t, "axes_1_3", 1, 3);
    scalarLong(t, "zero", 0);
    scalarLong(t, "one", 1);
    scalarLong(t, "two", 2);
    floats(t, "scale", (float) (1 / Math.sqrt(headDim)));
    floats(t, "neg", -1e9f);
    String tok = node(g, "Gather", new String[] {"wte", "input_ids"}, tmp());
    String pos = node(g, "Gather", new String[] {"wpe", "position_ids"}, tmp());
    String x = node(g, "Add", new String[] {tok, pos}, tmp());
    String qpos = node(g, "Unsqueeze", new String[] {"position_ids", "axes_1_3"}, tmp());
    for (int i = 0; i < layers; i++) {
      for (String w : new String[] {"q", "k", "v", "o"}) weight(t, "l" + i + "." + w, rnd, 1 / Math.sqrt(c), c, c);
      weight(t, "l" + i + ".up", rnd, 1 / Math.sqrt(c), c, 2 * c);
      weight(t, "l" + i + ".down", rnd, 1 / Math.sqrt(2 * c), 2 * c, c);
      String q = heads(g, x, "l" + i + ".q");
      String k = heads(g, x, "l" + i + ".k");
      String v = heads(g, x, "l" + i + ".v");
      String outK = prefix + "present." + i + ".key";
      String outV = prefix + "present." + i + ".value";
      String presentK = fp16Io ? tmp() : outK;
      String presentV = fp16Io ? tmp() : outV;
      if (withPast) {
        String pk = "past_key_values." + i + ".key";
        String pv = "past_key_values." + i + ".value";
        t.addInput(value(pk, io, "batch_size", Integer.toString(heads), "past_length", Integer.toString(headDim)));
        t.addInput(value(pv, io, "batch_size", Integer.toString(heads), "past_length", Integer.toString(headDim)));
        if (fp16Io) {
          pk = nodeAttr(g, "Cast", new String[] {pk}, tmp(), intAttr("to", TensorProto.DataType.FLOAT.getNumber()));
          pv = nodeAttr(g, "Cast", new String[] {pv}, tmp(), intAttr("to", TensorProto.DataType.FLOAT.getNumber()));
        }
        nodeAttr(g, "Concat", new String[] {pk, k}, presentK, intAttr("axis", 2));
        nodeAttr(g, "Concat", new String[] {pv, v}, presentV, intAttr("axis", 2));
      } else {
        node(g, "Identity", new String[] {k}, presentK);
        node(g, "Identity", new String[] {v}, presentV);
      }
      if (fp16Io) {
        nodeAttr(g, "Cast", new String[] {presentK}, outK, intAttr("to", io.getNumber()));
        nodeAttr(g, "Cast", new String[] {presentV}, outV, intAttr("to", io.getNumber()));
      }
      for (String p : new String[] {outK, outV}) {
        g.addOutput(value(p, io, "batch_size", Integer.toString(heads), "total_length", Integer.toString(headDim)));
      }
      String kt = nodeAttr(g, "Transpose", new String[] {presentK}, tmp(), intsAttr("perm", 0, 1, 3, 2));
      String s = node(g, "MatMul", new String[] {q, kt}, tmp());
      s = node(g, "Mul", new String[] {s, "scale"}, tmp());
      String shape = node(g, "Shape", new String[] {presentK}, tmp());
      String len = node(g, "Gather", new String[] {shape, "two"}, tmp());
      String kpos = node(g, "Range", new String[] {"zero", len, "one"}, tmp());
      String mask = node(g, "LessOrEqual", new String[] {kpos, qpos}, tmp());
      s = node(g, "Where", new String[] {mask, s, "neg"}, tmp());
      String a = nodeAttr(g, "Softmax", new String[] {s}, tmp(), intAttr("axis", -1));
      String o = node(g, "MatMul", new String[] {a, presentV}, tmp());
      o = nodeAttr(g, "Transpose", new String[] {o}, tmp(), intsAttr("perm", 0, 2, 1, 3));
      o = node(g, "Reshape", new String[] {o, "merge_heads"}, tmp());
      o = node(g, "MatMul", new String[] {o, "l" + i + ".o"}, tmp());
      x = node(g, "Add", new String[] {x, o}, tmp());
      String h = node(g, "MatMul", new String[] {x, "l" + i + ".up"}, tmp());
      h = node(g, "Tanh", new String[] {h}, tmp());
      h = node(g, "MatMul", new String[] {h, "l" + i + ".down"}, tmp());
      x = node(g, "Add", new String[] {x, h}, tmp());
    }
    String logits = prefix + "logits";
    g.addOutput(value(logits, io, "batch_size", "sequence_length", Integer.toString(vocab)));
    if (fp16Io) {
      String l = node(g, "MatMul", new String[] {x, "lm_head"}, tmp());
      nodeAttr(g, "Cast", new String[] {l}, logits, intAttr("to", io.getNumber()));
    } else {
      node(g, "MatMul", new String[] {x, "lm_head"}, logits);
    }
  }

  private String heads(GraphProto.Builder g, String x, String w) {
    String y = node(g, "MatMul", new String[] {x, w}, tmp());
    y = node(g, "Reshape", new String[] {y, "split_heads"}, tmp());
    return nodeAttr(g, "Transpose", new String[] {y}, tmp(), intsAttr("perm", 0, 2, 1, 3));
  }

  private String tmp() {
    return prefix + "t" + counter++;
  }

  static String node(GraphProto.Builder g, String op, String[] in, String out) {
    return nodeAttr(g, op, in, out);
  }

  static String nodeAttr(GraphProto.Builder g, String op, String[] in, String out, AttributeProto... attrs) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(out + "_" + op).addOutput(out);
    for (String i : in) n.addInput(i);
    for (AttributeProto a : attrs) n.addAttribute(a);
    g.addNode(n);
    return out;
  }

  static AttributeProto intAttr(String name, long v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
  }

  static AttributeProto intsAttr(String name, long... v) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long x : v) a.addInts(x);
    return a.build();
  }

  static ValueInfoProto value(String name, TensorProto.DataType type, String... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (String d : dims) {
      if (d.chars().allMatch(Character::isDigit)) shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(Long.parseLong(d)));
      else shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(d));
    }
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
        TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
  }

  static void weight(GraphProto.Builder g, String name, Random rnd, double std, int rows, int cols) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber())
        .addDims(rows).addDims(cols);
    for (int i = 0; i < rows * cols; i++) t.addFloatData((float) (rnd.nextGaussian() * std));
    g.addInitializer(t);
  }

  static void longs(GraphProto.Builder g, String name, long... v) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64.getNumber())
        .addDims(v.length);
    for (long x : v) t.addInt64Data(x);
    g.addInitializer(t);
  }

  static void scalarLong(GraphProto.Builder g, String name, long v) {
    g.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64.getNumber())
        .addInt64Data(v));
  }

  static void floats(GraphProto.Builder g, String name, float v) {
    g.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber())
        .addFloatData(v));
  }
}
