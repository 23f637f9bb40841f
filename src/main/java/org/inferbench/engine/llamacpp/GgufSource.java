package org.inferbench.engine.llamacpp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.ModelRef;
import org.inferbench.model.gguf.GgufFile;

/**
 * Turns a {@code --model} path into one GGUF file: a {@code .gguf} file, whose type is its own (general.file_type;
 * a dtype given must match it, so a record's dtype is never a guess), or a directory, whose one file of the type
 * asked for is taken (F16 when none is asked for). Only headers are read. (Names that are no path are presets:
 * {@link GgufPreset}.)
 */
final class GgufSource {
  private GgufSource() {}

  static GgufFile find(ModelRef ref, String dtype) throws BadInputException {
    Path p = Path.of(ref.id());
    if (!ref.options().isEmpty()) {
      throw new BadInputException("--model-opt " + ref.options().keySet().iterator().next() + ": a GGUF file fixes"
          + " its shape; overrides apply to synthesised models only");
    }
    if (Files.isRegularFile(p)) {
      GgufFile f = GgufFile.read(p);
      Optional<String> type = f.fileType();
      if (type.isPresent() && !dtype.isEmpty() && !type.get().equals(dtype)) {
        throw new BadInputException("--model " + ref.id() + ": holds " + type.get() + " weights, but dtype is "
            + dtype + " (leave dtype out: a file's type is its own)");
      }
      return f;
    }
    if (Files.isDirectory(p)) return inDirectory(p, dtype.isEmpty() ? "F16" : dtype);
    throw new BadInputException("--model " + ref.id() + ": not a .gguf file or a directory of them");
  }

  private static GgufFile inDirectory(Path dir, String dtype) throws BadInputException {
    List<GgufFile> match = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(x -> x.getFileName().toString().endsWith(".gguf")).sorted().toList()) {
        GgufFile g = GgufFile.read(f);
        String type = g.fileType().orElse("?");
        seen.add(f.getFileName() + " (" + type + ")");
        if (type.equals(dtype)) match.add(g);
      }
    } catch (IOException e) {
      throw new BadInputException("--model " + dir + ": cannot list (" + BadInputException.oneLine(e) + ")", e);
    }
    if (match.size() == 1) return match.get(0);
    throw new BadInputException("--model " + dir + ": " + (match.isEmpty() ? "no" : match.size()) + " .gguf files of"
        + " type " + dtype + " (found: " + (seen.isEmpty() ? "none" : String.join(", ", seen)) + ")");
  }
}
