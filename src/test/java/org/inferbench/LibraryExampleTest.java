package org.inferbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.inferbench.testing.TimingRetry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library page's example (docs/library.md) compiles and runs as printed, so the docs cannot drift from the API. */
final class LibraryExampleTest {
  @TempDir
  Path dir;

  @Test
  @Tag("timing")
  void readmeExampleCompilesAndRuns() throws Exception {
    String readme = Files.readString(Path.of("docs", "library.md"));
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(m.find()).as("a ```java block in docs/library.md").isTrue();
    Path src = dir.resolve("LibraryExample.java");
    Files.writeString(src, m.group(1));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int rc = javac.run(null, null, diagnostics, "-cp", System.getProperty("java.class.path"), "-d", dir.toString(),
        src.toString());
    assertThat(rc).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
    // the printed times are measured: a preempted run is retried (a wrong example fails every attempt)
    TimingRetry.retry("readmeExampleCompilesAndRuns", () -> {
      PrintStream old = System.out;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {dir.toUri().toURL()},
          getClass().getClassLoader())) {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        loader.loadClass("LibraryExample").getMethod("main", String[].class).invoke(null, (Object) new String[0]);
      } finally {
        System.setOut(old);
      }
      // 50 µs × 128 tokens = 6.4 ms; steps of 2 ms.
      String printed = out.toString(StandardCharsets.UTF_8);
      assertThat(printed).matches("(?s)TTFT p50 6\\.[345]\\d ms, TPOT p50 [12]\\.\\d\\d ms\\s*");
    });
  }
}
