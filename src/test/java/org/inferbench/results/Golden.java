package org.inferbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Exact comparison with a committed file. Run with {@code -Dinferbench.updateGolden=true} to rewrite the files
 * after a deliberate format change (then review the diff).
 */
final class Golden {
  private Golden() {}

  static void assertMatches(Path committed, String actual) throws IOException {
    if (Boolean.getBoolean("inferbench.updateGolden")) {
      Files.createDirectories(committed.toAbsolutePath().getParent());
      Files.writeString(committed, actual);
    }
    assertThat(committed).as("golden file %s (regenerate with -Dinferbench.updateGolden=true)", committed)
        .exists();
    assertThat(actual).as("output differs from golden file %s", committed).isEqualTo(Files.readString(committed));
  }
}
