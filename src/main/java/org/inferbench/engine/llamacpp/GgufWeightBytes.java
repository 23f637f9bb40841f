package org.inferbench.engine.llamacpp;

import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.inferbench.engine.BadInputException;
import org.inferbench.engine.WeightBytes;
import org.inferbench.model.gguf.GgufFile;
import org.inferbench.model.gguf.TensorInfo;

/**
 * Bytes per weight of each kind of tensor in a GGUF file, from the types its tensors are really stored at: a file
 * type such as Q4_K_M keeps some tensors at Q6_K and falls back to legacy types where rows are not a multiple of 256
 * (llama.cpp src/llama-quant.cpp), so each kind holds the element-weighted mean of its tensors (bytes ÷ elements).
 * Kinds follow llama.cpp's tensor names (src/llama-arch.cpp): {@code blk.N.*} matrices are projections,
 * {@code output.weight} is lm_head (the token embedding when absent: tied), {@code token_embd}/{@code position_embd}
 * are embeddings, and every one-dimensional tensor is a norm or bias.
 */
final class GgufWeightBytes {
  private GgufWeightBytes() {}

  /** Running totals of one kind. */
  private static final class Kind {
    long bytes;
    long elements;
    final TreeSet<String> types = new TreeSet<>();

    void add(TensorInfo t) {
      bytes += t.byteSize();
      elements += t.elements();
      types.add(t.type().name());
    }

    double mean(String what, GgufFile f) throws BadInputException {
      if (elements == 0) throw new BadInputException(f.path() + ": no " + what + " tensors");
      return (double) bytes / elements;
    }
  }

  static WeightBytes of(GgufFile f) throws BadInputException {
    Kind matmul = new Kind();
    Kind lmHead = new Kind();
    Kind embedding = new Kind();
    Kind small = new Kind();
    for (TensorInfo t : f.tensors()) {
      String n = t.name();
      if (t.dims().length == 1) {
        small.add(t);
      } else if (n.equals("output.weight")) {
        lmHead.add(t);
      } else if (n.equals("token_embd.weight") || n.equals("position_embd.weight")) {
        embedding.add(t);
      } else if (n.startsWith("blk.")) {
        matmul.add(t);
      }
    }
    if (lmHead.elements == 0) {
      TensorInfo tied = f.tensor("token_embd.weight")
          .orElseThrow(() -> new BadInputException(f.path() + ": no token_embd.weight tensor"));
      lmHead.add(tied);
    }
    return new WeightBytes(matmul.mean("blk.N matrix", f), lmHead.mean("lm_head", f),
        embedding.mean("embedding", f), small.mean("norm or bias", f), label(f, matmul, lmHead, embedding));
  }

  /** "F16", or the file type with the matrix types it holds: "Q4_K_M (Q4_K, Q6_K)". */
  private static String label(GgufFile f, Kind... matrices) {
    TreeSet<String> types = new TreeSet<>();
    for (Kind k : matrices) types.addAll(k.types);
    Optional<String> fileType = f.fileType();
    if (fileType.isPresent() && types.equals(new TreeSet<>(java.util.Set.of(fileType.get())))) return fileType.get();
    return fileType.orElse("GGUF") + " (" + String.join(", ", types) + ")";
  }

  /** Tensors, elements and bytes per stored type, for the record's details ("Q4_K": "98 tensors, 4.2e8 weights"). */
  static Map<String, String> histogram(GgufFile f) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    f.typeHistogram().forEach((t, v) -> m.put(t.name(), v.tensors() + " tensors, " + v.elements()
        + " elements, " + v.bytes() + " bytes"));
    return m;
  }
}
