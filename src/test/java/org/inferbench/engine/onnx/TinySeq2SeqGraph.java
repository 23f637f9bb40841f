package org.inferbench.engine.onnx;

import static org.inferbench.engine.onnx.TinyGptGraph.floats;
import static org.inferbench.engine.onnx.TinyGptGraph.intAttr;
import static org.inferbench.engine.onnx.TinyGptGraph.intsAttr;
import static org.inferbench.engine.onnx.TinyGptGraph.longs;
import static org.inferbench.engine.onnx.TinyGptGraph.node;
import static org.inferbench.engine.onnx.TinyGptGraph.nodeAttr;
import static org.inferbench.engine.onnx.TinyGptGraph.scalarLong;
import static org.inferbench.engine.onnx.TinyGptGraph.value;
import static org.inferbench.engine.onnx.TinyGptGraph.weight;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A small T5-style encoder-decoder in Optimum's split layout: encoder_model.onnx (input_ids, attention_mask ->
 * last_hidden_state), decoder_model.onnx (no past; outputs present.N.decoder.* and present.N.encoder.*) and
 * decoder_with_past_model.onnx (past self- and cross-attention caches; outputs present.N.decoder.* only). Causal
 * self-attention and cross-attention with random weights; positions come from the cache length, as T5 needs no
 * position ids.
 */
final class TinySeq2SeqGraph {
  final int layers;
  final int heads;
  final int headDim;
  final int vocab;
  private final long seed;
  private int counter;

  TinySeq2SeqGraph(int layers, int heads, int headDim, int vocab, long seed) {
    this.layers = layers;
    this.heads = heads;
    this.headDim = headDim;
    this.vocab = vocab;
    this.seed = seed;
  }

  String configJson() {
    return "{\"model_type\": \"t5\", \"is_encoder_decoder\": true, \"num_layers\": 1, \"num_decoder_layers\": " + layers
        + ", \"d_ff\": " + 2 * heads * headDim + ", \"num_heads\": " + heads + ", \"d_model\": " + heads * headDim + ", \"d_kv\": " + headDim
        + ", \"vocab_size\": " + vocab + ", \"n_positions\": 64, \"eos_token_id\": 1, \"pad_token_id\": 0,"
        + " \"decoder_start_token_id\": 0}";
  }

  Path writeModel(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("onnx"));
    Files.writeString(dir.resolve("config.json"), configJson());
    Files.write(dir.resolve("onnx/encoder_model.onnx"), encoder().toByteArray());
    Files.write(dir.resolve("onnx/decoder_model.onnx"), decoder(false).toByteArray());
    Files.write(dir.resolve("onnx/decoder_with_past_model.onnx"), decoder(true).toByteArray());
    return dir;
  }

  private GraphProto.Builder common(Random rnd) {
    int c = heads * headDim;
    GraphProto.Builder g = GraphProto.newBuilder().setName("tiny_t5");
    weight(g, "shared", rnd, 1.0, vocab, c);
    weight(g, "wpe", rnd, 0.3, 64, c);
    longs(g, "split_heads", 0, 0, heads, headDim);
    longs(g, "merge_heads", 0, 0, c);
    scalarLong(g, "zero", 0);
    scalarLong(g, "one", 1);
    scalarLong(g, "two", 2);
    floats(g, "scale", (float) (1 / Math.sqrt(headDim)));
    floats(g, "neg", -1e9f);
    longs(g, "axes_1", 1);
    return g;
  }

  private ModelProto model(GraphProto.Builder g) {
    return ModelProto.newBuilder().setIrVersion(8).setProducerName("inferbench-test")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).setGraph(g).build();
  }

  ModelProto encoder() {
    counter = 0;
    Random rnd = new Random(seed);
    int c = heads * headDim;
    GraphProto.Builder g = common(rnd);
    weight(g, "enc.q", rnd, 1 / Math.sqrt(c), c, c);
    weight(g, "enc.k", rnd, 1 / Math.sqrt(c), c, c);
    weight(g, "enc.v", rnd, 1 / Math.sqrt(c), c, c);
    g.addInput(value("input_ids", TensorProto.DataType.INT64, "batch_size", "encoder_sequence_length"));
    g.addInput(value("attention_mask", TensorProto.DataType.INT64, "batch_size", "encoder_sequence_length"));
    g.addOutput(value("last_hidden_state", TensorProto.DataType.FLOAT, "batch_size", "encoder_sequence_length",
        Integer.toString(c)));
    String tok = node(g, "Gather", new String[] {"shared", "input_ids"}, tmp());
    String shape = node(g, "Shape", new String[] {"input_ids"}, tmp());
    String len = node(g, "Gather", new String[] {shape, "one"}, tmp());
    String pos = node(g, "Range", new String[] {"zero", len, "one"}, tmp());
    String pe = node(g, "Gather", new String[] {"wpe", pos}, tmp());
    String x = node(g, "Add", new String[] {tok, pe}, tmp());
    String q = heads(g, x, "enc.q");
    String k = heads(g, x, "enc.k");
    String v = heads(g, x, "enc.v");
    String o = attend(g, q, k, v, null);
    node(g, "Add", new String[] {x, o}, "last_hidden_state");
    return model(g);
  }

  ModelProto decoder(boolean withPast) {
    counter = 0;
    Random rnd = new Random(seed);
    int c = heads * headDim;
    GraphProto.Builder g = common(rnd);
    // skip the encoder's weights so both files draw the decoder's from the same point of the stream
    for (int i = 0; i < 3 * c * c; i++) rnd.nextGaussian();
    weight(g, "lm_head", rnd, 1.0, c, vocab);
    g.addInput(value("encoder_attention_mask", TensorProto.DataType.INT64, "batch_size", "encoder_sequence_length"));
    g.addInput(value("input_ids", TensorProto.DataType.INT64, "batch_size", "decoder_sequence_length"));
    if (!withPast) {
      g.addInput(value("encoder_hidden_states", TensorProto.DataType.FLOAT, "batch_size", "encoder_sequence_length",
          Integer.toString(c)));
    }
    g.addOutput(value("logits", TensorProto.DataType.FLOAT, "batch_size", "decoder_sequence_length",
        Integer.toString(vocab)));
    String tok = node(g, "Gather", new String[] {"shared", "input_ids"}, tmp());
    String idShape = node(g, "Shape", new String[] {"input_ids"}, tmp());
    String t = node(g, "Gather", new String[] {idShape, "one"}, tmp());
    String pastLen = "zero";
    if (withPast) {
      String pshape = node(g, "Shape", new String[] {"past_key_values.0.decoder.key"}, tmp());
      pastLen = node(g, "Gather", new String[] {pshape, "two"}, tmp());
    }
    String end = node(g, "Add", new String[] {pastLen, t}, tmp());
    String qpos = node(g, "Range", new String[] {pastLen, end, "one"}, tmp());
    String pe = node(g, "Gather", new String[] {"wpe", qpos}, tmp());
    String x = node(g, "Add", new String[] {tok, pe}, tmp());
    String qposCol = node(g, "Unsqueeze", new String[] {qpos, "axes_1"}, tmp());
    for (int i = 0; i < layers; i++) {
      for (String w : new String[] {"q", "k", "v", "cq", "ck", "cv"}) {
        weight(g, "d" + i + "." + w, rnd, 1 / Math.sqrt(c), c, c);
      }
      String dims = Integer.toString(heads);
      String hd = Integer.toString(headDim);
      String presentK = "present." + i + ".decoder.key";
      String presentV = "present." + i + ".decoder.value";
      String q = heads(g, x, "d" + i + ".q");
      String k = heads(g, x, "d" + i + ".k");
      String v = heads(g, x, "d" + i + ".v");
      String ck;
      String cv;
      if (withPast) {
        String pk = "past_key_values." + i + ".decoder.key";
        String pv = "past_key_values." + i + ".decoder.value";
        ck = "past_key_values." + i + ".encoder.key";
        cv = "past_key_values." + i + ".encoder.value";
        for (String p : new String[] {pk, pv}) {
          g.addInput(value(p, TensorProto.DataType.FLOAT, "batch_size", dims, "past_decoder_sequence_length", hd));
        }
        for (String p : new String[] {ck, cv}) {
          g.addInput(value(p, TensorProto.DataType.FLOAT, "batch_size", dims, "encoder_sequence_length_out", hd));
        }
        nodeAttr(g, "Concat", new String[] {pk, k}, presentK, intAttr("axis", 2));
        nodeAttr(g, "Concat", new String[] {pv, v}, presentV, intAttr("axis", 2));
      } else {
        node(g, "Identity", new String[] {k}, presentK);
        node(g, "Identity", new String[] {v}, presentV);
        ck = heads(g, "encoder_hidden_states", "d" + i + ".ck", "present." + i + ".encoder.key");
        cv = heads(g, "encoder_hidden_states", "d" + i + ".cv", "present." + i + ".encoder.value");
        for (String p : new String[] {ck, cv}) {
          g.addOutput(value(p, TensorProto.DataType.FLOAT, "batch_size", dims, "encoder_sequence_length_out", hd));
        }
      }
      for (String p : new String[] {presentK, presentV}) {
        g.addOutput(value(p, TensorProto.DataType.FLOAT, "batch_size", dims, "total_decoder_length", hd));
      }
      String kshape = node(g, "Shape", new String[] {presentK}, tmp());
      String s = node(g, "Gather", new String[] {kshape, "two"}, tmp());
      String kpos = node(g, "Range", new String[] {"zero", s, "one"}, tmp());
      String mask = node(g, "LessOrEqual", new String[] {kpos, qposCol}, tmp());
      String o = attend(g, q, presentK, presentV, mask);
      x = node(g, "Add", new String[] {x, o}, tmp());
      String cq = heads(g, x, "d" + i + ".cq");
      o = attend(g, cq, ck, cv, null);
      x = node(g, "Add", new String[] {x, o}, tmp());
      x = node(g, "Tanh", new String[] {x}, tmp());
    }
    node(g, "MatMul", new String[] {x, "lm_head"}, "logits");
    return model(g);
  }

  private String attend(GraphProto.Builder g, String q, String k, String v, String mask) {
    String kt = nodeAttr(g, "Transpose", new String[] {k}, tmp(), intsAttr("perm", 0, 1, 3, 2));
    String s = node(g, "MatMul", new String[] {q, kt}, tmp());
    s = node(g, "Mul", new String[] {s, "scale"}, tmp());
    if (mask != null) s = node(g, "Where", new String[] {mask, s, "neg"}, tmp());
    String a = nodeAttr(g, "Softmax", new String[] {s}, tmp(), intAttr("axis", -1));
    String o = node(g, "MatMul", new String[] {a, v}, tmp());
    o = nodeAttr(g, "Transpose", new String[] {o}, tmp(), intsAttr("perm", 0, 2, 1, 3));
    return node(g, "Reshape", new String[] {o, "merge_heads"}, tmp());
  }

  private String heads(GraphProto.Builder g, String x, String w) {
    return heads(g, x, w, tmp());
  }

  private String heads(GraphProto.Builder g, String x, String w, String out) {
    String y = node(g, "MatMul", new String[] {x, w}, tmp());
    y = node(g, "Reshape", new String[] {y, "split_heads"}, tmp());
    return nodeAttr(g, "Transpose", new String[] {y}, out, intsAttr("perm", 0, 2, 1, 3));
  }

  private String tmp() {
    return "s" + counter++;
  }
}
