package org.inferbench.engine.onnx;

import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads only the graph inputs of an ONNX file, skipping initializers and nodes without loading them, so a config
 * can be checked against a multi-gigabyte graph cheaply.
 */
final class OnnxGraphInputs {
  private static final int MODEL_GRAPH = 7;
  private static final int GRAPH_INPUT = 11;

  private OnnxGraphInputs() {}

  static List<ValueInfoProto> read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      CodedInputStream model = CodedInputStream.newInstance(in);
      model.setSizeLimit(Integer.MAX_VALUE);
      List<ValueInfoProto> inputs = new ArrayList<>();
      while (true) {
        int tag = model.readTag();
        if (tag == 0) {
          // an empty file parses as an empty model: without a graph it is not an export
          throw new IOException(Files.size(file) == 0 ? "the file is empty" : "it holds no graph");
        }
        if (WireFormat.getTagFieldNumber(tag) != MODEL_GRAPH) {
          model.skipField(tag);
          continue;
        }
        long graphEnd = model.readRawVarint64() + model.getTotalBytesRead();
        while (model.getTotalBytesRead() < graphEnd) {
          int t = model.readTag();
          if (WireFormat.getTagFieldNumber(t) == GRAPH_INPUT) {
            inputs.add(ValueInfoProto.parseFrom(model.readBytes()));
          } else if (WireFormat.getTagWireType(t) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            skipLong(model, model.readRawVarint64());
          } else {
            model.skipField(t);
          }
        }
        return inputs;
      }
    }
  }

  private static void skipLong(CodedInputStream in, long n) throws IOException {
    while (n > 0) {
      int chunk = (int) Math.min(n, 1 << 30);
      in.skipRawBytes(chunk);
      n -= chunk;
    }
  }
}
