package org.inferbench.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every test that retries a timed attempt carries {@code @Tag("timing")}: the build runs those in an execution of
 * their own after the rest (pom.xml), which only works if none is left untagged; and a test that times something
 * goes through {@link TimingRetry}, the one retry helper, rather than a loop of its own.
 */
final class TimingTagsTest {
  private static final Path TESTS = Path.of("src/test/java");

  @Test
  void everyTestThatRetriesATimedAttemptIsTaggedTiming() throws IOException {
    assertThat(sources().filter(f -> read(f).contains("TimingRetry.retry("))
        .filter(f -> !read(f).contains("@Tag(\"timing\")")).map(Path::toString).toList())
        .as("test classes that call TimingRetry.retry without @Tag(\"timing\")").isEmpty();
  }

  @Test
  void everyTimingTaggedTestRetriesThroughTheOneHelper() throws IOException {
    List<String> untagged = sources().filter(f -> read(f).contains("@Tag(\"timing\")"))
        .filter(f -> !read(f).contains("TimingRetry.")).map(Path::toString).toList();
    assertThat(untagged).as("timing tests that do not go through TimingRetry").isEmpty();
  }

  private static Stream<Path> sources() throws IOException {
    try (Stream<Path> s = Files.walk(TESTS)) {
      return s.filter(f -> f.toString().endsWith("Test.java")).toList().stream();
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
