package org.inferbench.model;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.inferbench.core.BadInputException;

/**
 * Synthesised models, one directory per entry named by its format. An entry appears whole or not at all: it is
 * written into a temporary directory beside it and renamed, so concurrent writers and crashes never leave a half
 * model where a reader looks.
 */
public final class ModelCache {
  private final Path root;

  public ModelCache(Path root) {
    this.root = root;
  }

  /** $INFERBENCH_CACHE_DIR if set, else ~/.cache/inferbench/models. */
  public static Path defaultRoot() {
    String env = System.getenv("INFERBENCH_CACHE_DIR");
    if (env != null && !env.isBlank()) return Path.of(env);
    return Path.of(System.getProperty("user.home"), ".cache", "inferbench", "models");
  }

  public static ModelCache atDefaultRoot() {
    return new ModelCache(defaultRoot());
  }

  public Path root() {
    return root;
  }

  /** The entry's directory, written first if it is not there yet. */
  public Path entry(ModelFormat format, String model, HfConfig config, ModelFormat.Synthesis synthesis)
      throws BadInputException {
    Path entry = root.resolve(format.cacheName(model, config, synthesis));
    if (Files.isDirectory(entry)) return entry;
    Path tmp = null;
    try {
      Files.createDirectories(root);
      tmp = Files.createTempDirectory(root, ".partial-");
      format.write(config, tmp, synthesis);
      try {
        Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, entry);
      }
      tmp = null;
      return entry;
    } catch (FileAlreadyExistsException e) {
      return entry; // another process finished the same entry first
    } catch (IOException e) {
      if (Files.isDirectory(entry)) return entry;
      throw new BadInputException("model cache " + root + ": cannot write " + entry.getFileName() + " ("
          + e.getMessage() + ")", e);
    } finally {
      if (tmp != null) deleteQuietly(tmp);
    }
  }

  /** A name safe as a file name: what the user typed, other characters replaced. */
  public static String safeName(String model) {
    return model.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover .partial- directory is never read
    }
  }
}
