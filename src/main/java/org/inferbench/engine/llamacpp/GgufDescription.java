package org.inferbench.engine.llamacpp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.inferbench.core.BadInputException;
import org.inferbench.core.LogitPositions;
import org.inferbench.core.ModelFacts;
import org.inferbench.engine.ModelInfo;
import org.inferbench.core.ModelShape;
import org.inferbench.core.TransformerDims;
import org.inferbench.model.gguf.GgufFacts;
import org.inferbench.model.gguf.GgufFile;

/**
 * A GGUF file as the harness sees it, from its header alone: dimensions, bytes per weight of each kind, logits for
 * the last prompt position only (llama-server asks llama_decode for the last prompt token's logits), and the KV cache
 * at the cache types asked for.
 */
final class GgufDescription {
  private GgufDescription() {}

  static ModelInfo info(String id, GgufFile f, LlamaCppSettings s) throws BadInputException {
    TransformerDims dims = GgufFacts.dims(f);
    int trainContext = GgufFacts.trainContext(f);
    ModelFacts facts = new ModelFacts(dims, GgufFacts.weightBytes(f), LogitPositions.LAST, s.kvBytesPerElement());
    Vocabulary vocab = Vocabulary.of(f);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("model_type", f.architecture());
    details.put("layers", dims.layers());
    details.put("hidden", dims.hidden());
    details.put("heads", dims.heads());
    details.put("kv_heads", dims.kvHeads());
    details.put("head_dim", dims.headDim());
    details.put("ffn", dims.ffn());
    details.put("vocab", dims.vocab());
    details.put("n_ctx_train", trainContext);
    details.put("tied_lm_head", dims.tiedLmHead());
    details.put("source", f.path().toAbsolutePath().toString());
    details.put("file_type", f.fileType().orElse("unknown"));
    details.put("tensor_types", GgufFacts.histogram(f));
    return new ModelInfo(id, ModelShape.DECODER, s.contextFor(trainContext), vocab.size(), vocab.specialIds(),
        headerHash(f), f.fileType().orElse(s.dtype().isEmpty() ? "unknown" : s.dtype()), facts, details);
  }

  /** SHA-256 of everything before the tensor data: metadata and tensor infos, so any change of config shows. */
  private static String headerHash(GgufFile f) throws BadInputException {
    try (FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.READ)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      ByteBuffer buf = ByteBuffer.allocate(1 << 16);
      long left = f.dataOffset();
      while (left > 0) {
        buf.clear().limit((int) Math.min(buf.capacity(), left));
        int n = ch.read(buf);
        if (n < 0) break;
        left -= n;
        sha.update(buf.flip());
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new BadInputException(f.path() + ": cannot read (" + BadInputException.oneLine(e) + ")", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
