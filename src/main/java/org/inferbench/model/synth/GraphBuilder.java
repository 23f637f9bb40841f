package org.inferbench.model.synth;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

/**
 * Builds one ONNX graph (or an If branch) node by node. Initializers go to a {@link TensorStore} shared with any
 * subgraphs, so branches reference the outer graph's weights as Optimum's merged decoders do. The compute dtype is
 * float32 or float16; with {@code quantized}, weight MatMuls become ONNX Runtime's dynamic-quantisation pattern.
 */
final class GraphBuilder {
  static final int FLOAT = DataType.FLOAT_VALUE;
  static final int FLOAT16 = DataType.FLOAT16_VALUE;
  static final int INT64 = DataType.INT64_VALUE;
  static final int BOOL = DataType.BOOL_VALUE;
  /** Standard deviation of the random linear biases (see {@link #linear}). */
  static final double BIAS_STD = 0.005;

  final TensorStore store;
  final int elemType;
  final boolean quantized;
  private final String prefix;
  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private int counter;
  /** Activations already quantised: ONNX Runtime's quantiser quantises each tensor once for all its consumers. */
  private final java.util.Map<String, String[]> quantisedActivations = new java.util.HashMap<>();

  GraphBuilder(String name, TensorStore store, int elemType, boolean quantized) {
    this.store = store;
    this.elemType = elemType;
    this.quantized = quantized;
    this.prefix = name;
    graph.setName(name);
  }

  /** A subgraph (If branch) sharing this graph's initializers and dtype; its value names carry its own prefix. */
  GraphBuilder branch(String name) {
    return new GraphBuilder(name, store, elemType, quantized);
  }

  GraphProto build() {
    return graph.build();
  }

  static ValueInfoProto valueInfo(String name, int type, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
      if (d instanceof String s) {
        dim.setDimParam(s);
      } else {
        dim.setDimValue(((Number) d).longValue());
      }
      shape.addDim(dim);
    }
    TypeProto.Tensor.Builder tensor = TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape);
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
  }

  String input(String name, int type, Object... dims) {
    graph.addInput(valueInfo(name, type, dims));
    return name;
  }

  /** Declares {@code value} as the graph output {@code name} (through an Identity when the names differ). */
  void output(String name, String value, int type, Object... dims) {
    if (!name.equals(value)) {
      graph.addNode(NodeProto.newBuilder().setOpType("Identity").setName(prefix + "/out_" + name).addInput(value)
          .addOutput(name));
    }
    graph.addOutput(valueInfo(name, type, dims));
  }

  /** Starts a node; call {@link Node#out()} or {@link Node#outs(int)} to add it. */
  Node op(String opType, String... inputs) {
    return new Node(opType, inputs);
  }

  /** One-output node without attributes. */
  String apply(String opType, String... inputs) {
    return op(opType, inputs).out();
  }

  final class Node {
    private final NodeProto.Builder node;

    private Node(String opType, String[] inputs) {
      node = NodeProto.newBuilder().setOpType(opType);
      for (String in : inputs) {
        node.addInput(in);
      }
    }

    Node attr(String name, long value) {
      node.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT)
          .setI(value));
      return this;
    }

    Node attr(String name, float value) {
      node.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT)
          .setF(value));
      return this;
    }

    Node attr(String name, String value) {
      node.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
          .setS(com.google.protobuf.ByteString.copyFromUtf8(value)));
      return this;
    }

    Node attr(String name, long[] values) {
      AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
          .setType(AttributeProto.AttributeType.INTS);
      for (long v : values) {
        a.addInts(v);
      }
      node.addAttribute(a);
      return this;
    }

    Node attr(String name, GraphProto value) {
      node.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.GRAPH)
          .setG(value));
      return this;
    }

    String out() {
      return outs(1)[0];
    }

    String[] outs(int count) {
      int id = counter++;
      String base = prefix + "/" + node.getOpType() + "_" + id;
      node.setName(base);
      String[] names = new String[count];
      for (int i = 0; i < count; i++) {
        names[i] = count == 1 ? base + "_output_0" : base + "_output_" + i;
        node.addOutput(names[i]);
      }
      graph.addNode(node);
      return names;
    }

    /** Adds the node with the given output names (graph outputs, If outputs). */
    void outsNamed(String... names) {
      node.setName(prefix + "/" + node.getOpType() + "_" + counter++);
      for (String n : names) {
        node.addOutput(n);
      }
      graph.addNode(node);
    }
  }

  // ---- constants and weights ----

  String i64(long... values) {
    return store.int64(new long[] {values.length}, values);
  }

  String i64Scalar(long value) {
    return store.int64(new long[0], value);
  }

  /** A scalar in the compute dtype. */
  String scalar(float value) {
    return store.floatConst(elemType, new long[0], value);
  }

  /** The most negative finite value of the compute dtype: the additive mask for positions not attended to. */
  float maskValue() {
    return elemType == FLOAT16 ? -65504f : -3.4028235e38f;
  }

  String weight(String name, Init init, long... dims) {
    return store.weight(name, dims, init, elemType == FLOAT16 ? FLOAT16 : FLOAT);
  }

  /** A computed table (rotary cos/sin); stored in the compute dtype. */
  String table(String name, float[] values, long... dims) {
    return store.weight(name, dims, new Init.Values(values), elemType == FLOAT16 ? FLOAT16 : FLOAT);
  }

  /**
   * {@code x @ W (+ b)} with W stored [in, out] (the PyTorch exporter folds nn.Linear's transpose into the
   * initializer). Quantised models emit DynamicQuantizeLinear + MatMulInteger + Cast + Mul, as ONNX Runtime's
   * dynamic quantiser does, with the bias added in float.
   */
  String linear(String x, String weightName, Init init, long in, long out, String biasName) {
    String y;
    if (quantized) {
      String[] w = store.quantizedWeight(weightName, new long[] {in, out}, init);
      String[] q = quantisedActivations.computeIfAbsent(x, v -> op("DynamicQuantizeLinear", v).outs(3));
      String mm = apply("MatMulInteger", q[0], w[0], q[2], w[2]);
      String cast = op("Cast", mm).attr("to", (long) FLOAT).out();
      String scale = apply("Mul", q[1], w[1]);
      y = apply("Mul", cast, scale);
    } else {
      y = apply("MatMul", x, weight(weightName, init, in, out));
    }
    if (biasName != null) {
      // biases are random rather than zero (Hugging Face's init) so that tests see a wrong bias wiring, but small:
      // every position gets the same bias, so with std 0.02 their sum over GPT-2's layers is one fixed direction of
      // the residual stream that picks the same greedy token at every step
      y = apply("Add", y, weight(biasName, Init.normal(BIAS_STD), out));
    }
    return y;
  }

  // ---- common patterns ----

  /** Dimension {@code axis} of {@code x} as an int64 scalar. */
  String dim(String x, int axis) {
    String shape = apply("Shape", x);
    return op("Gather", shape, i64Scalar(axis)).attr("axis", 0L).out();
  }

  String unsqueeze(String x, long... axes) {
    return apply("Unsqueeze", x, i64(axes));
  }

  String transpose(String x, long... perm) {
    return op("Transpose", x).attr("perm", perm).out();
  }

  String reshape(String x, long... shape) {
    return apply("Reshape", x, i64(shape));
  }

  String cast(String x, int to) {
    return op("Cast", x).attr("to", (long) to).out();
  }

  /** [batch, seq, heads*dim] -> [batch, heads, seq, dim]. */
  String splitHeads(String x, int heads, int headDim) {
    return transpose(reshape(x, 0, 0, heads, headDim), 0, 2, 1, 3);
  }

  /** [batch, heads, seq, dim] -> [batch, seq, heads*dim]. */
  String mergeHeads(String x, int heads, int headDim) {
    return reshape(transpose(x, 0, 2, 1, 3), 0, 0, (long) heads * headDim);
  }

  String layerNorm(String x, String scale, String bias, double eps) {
    Node n = bias == null ? op("LayerNormalization", x, scale) : op("LayerNormalization", x, scale, bias);
    return n.attr("axis", -1L).attr("epsilon", (float) eps).out();
  }

  /** GELU, erf form: x * 0.5 * (1 + erf(x / sqrt(2))), as BERT's and ModernBERT's exports. */
  String geluErf(String x) {
    String erf = apply("Erf", apply("Div", x, scalar(1.4142135f)));
    String half = apply("Mul", x, scalar(0.5f));
    return apply("Mul", half, apply("Add", erf, scalar(1f)));
  }

  /** GELU, tanh form (gelu_new): 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), as GPT-2's export. */
  String geluTanh(String x) {
    String cube = apply("Pow", x, scalar(3f));
    String inner = apply("Add", x, apply("Mul", cube, scalar(0.044715f)));
    String t = apply("Tanh", apply("Mul", inner, scalar(0.7978845608f)));
    return apply("Mul", apply("Mul", x, scalar(0.5f)), apply("Add", t, scalar(1f)));
  }

  /** softmax(q k^T * scale + bias) v over [batch, heads, seq, dim] tensors; bias broadcasts, may be null. */
  String attention(String q, String k, String v, float scale, String bias) {
    String scores = apply("MatMul", q, transpose(k, 0, 1, 3, 2));
    if (scale != 1f) {
      scores = apply("Div", scores, scalar(1f / scale));
    }
    if (bias != null) {
      scores = apply("Add", scores, bias);
    }
    String probs = op("Softmax", scores).attr("axis", -1L).out();
    return apply("MatMul", probs, v);
  }

  /** Additive mask [batch, 1, 1, seq] from a 0/1 int64 attention mask: 0 where attended, the dtype minimum else. */
  String paddingBias(String attentionMask) {
    String m = cast(unsqueeze(attentionMask, 1, 2), elemType);
    String inverted = apply("Sub", scalar(1f), m);
    return apply("Mul", inverted, scalar(maskValue()));
  }

  /**
   * The additive attention bias of a decoder step: causal over the whole (past + new) sequence, where query i sits
   * at position total - seq + i, and closed to padded positions. Shape [batch, 1, seq, total].
   */
  String causalBias(String inputIds, String attentionMask) {
    String seq = dim(inputIds, 1);
    String total = dim(attentionMask, 1);
    String kpos = unsqueeze(range(i64Scalar(0), total), 0);
    String qpos = unsqueeze(range(apply("Sub", total, seq), total), 1);
    String causal = apply("LessOrEqual", kpos, qpos);
    String padding = unsqueeze(cast(attentionMask, BOOL), 1, 2);
    return boolBias(apply("And", causal, padding));
  }

  /** Where(condition, 0, dtype minimum): turns a bool mask into an additive bias. */
  String boolBias(String condition) {
    return apply("Where", condition, scalar(0f), scalar(maskValue()));
  }

  /** int64 [len] = start, start+1, ... end-1. */
  String range(String start, String end) {
    return apply("Range", start, end, i64Scalar(1));
  }
}
