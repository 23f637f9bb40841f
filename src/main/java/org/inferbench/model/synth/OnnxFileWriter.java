package org.inferbench.model.synth;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Serialises a model without ever holding its weights together: the protobuf is written field by field (a message's
 * fields may come in any order, and repeated fields concatenate), the graph's length computed from the tensors'
 * shapes, and each initializer generated, written and dropped in turn. Past the 2 GB protobuf limit the weights go to
 * an external-data file next to the model, as the ONNX exporter does for large models.
 */
final class OnnxFileWriter {
  static final long IR_VERSION = 8;
  static final long OPSET = 17;
  /** Stay well under protobuf's 2 GiB message limit. */
  static final long EXTERNAL_DATA_THRESHOLD = 1_800_000_000L;

  /** Small tensors (shape constants) stay inline even in external mode: shape inference must read them. */
  static final long INLINE_LIMIT = 1024;

  private static final int GRAPH_FIELD = 7;
  private static final int INITIALIZER_FIELD = 5;
  private static final int RAW_DATA_FIELD = 9;

  private OnnxFileWriter() {}

  static void write(Path file, GraphProto graph, TensorStore store) throws IOException {
    List<TensorStore.Tensor> tensors = store.tensors();
    long total = tensors.stream().mapToLong(TensorStore.Tensor::byteSize).sum();
    boolean external = total > EXTERNAL_DATA_THRESHOLD;
    String dataName = file.getFileName() + "_data";

    ModelProto model = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("inferbench-synth")
        .setProducerVersion(OnnxModelWriter.WRITER_VERSION).addOpsetImport(OperatorSetIdProto.newBuilder()
            .setDomain("").setVersion(OPSET)).build();
    byte[] graphBytes = graph.toByteArray();

    // metadata part of each initializer (everything but raw_data), and its full encoded size
    long offset = 0;
    TensorProto[] heads = new TensorProto[tensors.size()];
    long graphLength = graphBytes.length;
    for (int i = 0; i < tensors.size(); i++) {
      TensorStore.Tensor t = tensors.get(i);
      TensorProto.Builder b = TensorProto.newBuilder().setName(t.name()).setDataType(t.dataType());
      for (long d : t.dims()) {
        b.addDims(d);
      }
      if (external && t.byteSize() >= INLINE_LIMIT) {
        b.setDataLocation(TensorProto.DataLocation.EXTERNAL);
        b.addExternalData(entry("location", dataName));
        b.addExternalData(entry("offset", Long.toString(offset)));
        b.addExternalData(entry("length", Long.toString(t.byteSize())));
        offset += t.byteSize();
      }
      heads[i] = b.build();
      long size = tensorSize(heads[i], t, isExternal(heads[i]));
      graphLength += CodedOutputStream.computeTagSize(INITIALIZER_FIELD) + varintSize(size) + size;
    }

    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE);
        FileChannel data = external ? FileChannel.open(file.resolveSibling(dataName), StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE) : null) {
      OutputStream os = Channels.newOutputStream(ch);
      CodedOutputStream out = CodedOutputStream.newInstance(os, 1 << 16);
      model.writeTo(out);
      out.writeTag(GRAPH_FIELD, 2);
      out.writeUInt64NoTag(graphLength);
      out.writeRawBytes(graphBytes);
      for (int i = 0; i < tensors.size(); i++) {
        TensorStore.Tensor t = tensors.get(i);
        boolean ext = isExternal(heads[i]);
        long size = tensorSize(heads[i], t, ext);
        out.writeTag(INITIALIZER_FIELD, 2);
        out.writeUInt64NoTag(size);
        heads[i].writeTo(out);
        ByteBuffer bytes = t.data().get();
        if (bytes.remaining() != t.byteSize()) {
          throw new IllegalStateException(t.name() + ": " + bytes.remaining() + " bytes, expected " + t.byteSize());
        }
        if (ext) {
          writeFully(data, bytes);
        } else {
          out.writeTag(RAW_DATA_FIELD, 2);
          out.writeUInt64NoTag(t.byteSize());
          out.flush();
          writeFully(ch, bytes);
        }
      }
      out.flush();
    }
  }

  private static boolean isExternal(TensorProto head) {
    return head.getDataLocation() == TensorProto.DataLocation.EXTERNAL;
  }

  private static long tensorSize(TensorProto head, TensorStore.Tensor t, boolean external) {
    long size = head.getSerializedSize();
    if (!external) {
      size += CodedOutputStream.computeTagSize(RAW_DATA_FIELD) + varintSize(t.byteSize()) + t.byteSize();
    }
    return size;
  }

  private static int varintSize(long v) {
    return CodedOutputStream.computeUInt64SizeNoTag(v);
  }

  private static StringStringEntryProto entry(String key, String value) {
    return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
  }

  private static void writeFully(WritableByteChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }
}
