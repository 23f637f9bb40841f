package org.inferbench.model.synth;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.inferbench.core.BadInputException;
import org.inferbench.model.HfConfig;
import org.inferbench.model.ModelCache;
import org.inferbench.model.Presets;

/**
 * A preset's tokenizer.json by the preset's name, wherever a tokenizer file is asked for ({@code tokenizer=gpt2}): the
 * very file the preset's synthetic model carries (same writer, same config), written once into the model cache
 * without any weights.
 */
public final class PresetTokenizer {
  private PresetTokenizer() {}

  /** The preset's tokenizer.json, written first if needed; empty when {@code name} is no preset. */
  public static Optional<Path> of(String name) throws BadInputException {
    Optional<HfConfig> config = Presets.find(name);
    if (config.isEmpty()) return Optional.empty();
    Path root = ModelCache.defaultRoot();
    Path entry = root.resolve("tokenizer-" + ModelCache.safeName(name) + "-" + config.get().configHash());
    Path file = entry.resolve("tokenizer.json");
    if (Files.isRegularFile(file)) return Optional.of(file);
    try {
      Files.createDirectories(root);
      // written beside the entry and renamed: a concurrent reader never sees half a file
      Path tmp = Files.createTempDirectory(root, ".partial-");
      TokenizerWriter.write(config.get(), tmp);
      try {
        Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
        try (var files = Files.list(tmp)) {
          for (Path p : files.toList()) Files.delete(p);
        }
        Files.delete(tmp); // another process wrote the same entry first
      }
      return Optional.of(file);
    } catch (IOException e) {
      throw new BadInputException("model cache " + root + ": cannot write the tokenizer of " + name + " ("
          + e.getMessage() + ")", e);
    }
  }
}
