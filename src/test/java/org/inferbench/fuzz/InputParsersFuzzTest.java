package org.inferbench.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.onnx.OnnxFormat;
import org.inferbench.model.HfConfig;
import org.inferbench.model.Presets;
import org.inferbench.results.ResultStore;
import org.inferbench.testing.InPlace;
import org.inferbench.workload.Isolation;
import org.inferbench.workload.LabelledModel;
import org.inferbench.workload.RequestFile;
import org.inferbench.workload.WorkloadBuilder;
import org.inferbench.workload.WorkloadFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing (Jazzer, mutation-based) of InferBench's own parsers of what users hand it: a workload or
 * sweep YAML file (read and built into a grid), a results-file line, a config.json, a model directory's layout
 * (its files' names, looked at as an ONNX export) and a request file. The first byte picks the parser, so one target
 * covers all five
 * (Jazzer fuzzes one target per JVM). Each input is accepted or refused with the parser's one-line error
 * (BadInputException, or IllegalArgumentException where that is the parser's contract); any other exception, a
 * message of several lines, a hang or running out of memory is a finding. Run by surefire's parsers-fuzz execution
 * with JAZZER_FUZZ=1 for maxDuration; excluded from the ordinary run.
 */
class InputParsersFuzzTest {
  private static final AtomicLong INPUTS = new AtomicLong();
  private static final AtomicLong[] ACCEPTED = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(),
      new AtomicLong()};
  private static volatile long firstNanos;
  private static volatile long lastNanos;
  private static Path dir;

  @BeforeAll
  static void createDir() throws IOException {
    dir = Files.createTempDirectory("parsers-fuzz");
  }

  @AfterAll
  static void report() {
    System.out.printf(Locale.ROOT, "input parsers fuzzing: %d inputs in %.1f s (accepted: %d workload files, %d "
        + "results lines, %d config.json, %d model directories, %d request files)%n", INPUTS.get(),
        (lastNanos - firstNanos) / 1e9, ACCEPTED[0].get(), ACCEPTED[1].get(), ACCEPTED[2].get(), ACCEPTED[3].get(),
        ACCEPTED[4].get());
  }

  static Stream<byte[]> seeds() throws IOException {
    Path base = Path.of(System.getProperty("basedir", ".")); // surefire runs this in target/parsers-fuzz
    return Stream.of(
        seed(0, Files.readString(base.resolve("configs/quick.yaml"))),
        seed(0, "model: gpt2\nprompt: [128, 512]\noutput: 64\nengine-opts: {threads: [1, 2]}\n"),
        seed(1, Files.readAllLines(base.resolve("src/test/resources/compat/results-v1.jsonl")).get(0)),
        seed(2, Presets.all().get("gpt2")),
        seed(2, Presets.all().get("llama-3.2-1b")),
        seed(3, "onnx/model.onnx\ntokenizer.json\nonnx/model_fp16.onnx\n"),
        seed(4, "{\"prompt\": \"hello there\", \"output_tokens\": 8}\n{\"prompt_tokens\": 128, \"max_tokens\": 4}\n"));
  }

  private static byte[] seed(int parser, String text) {
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    byte[] b = new byte[t.length + 1];
    b[0] = (byte) parser;
    System.arraycopy(t, 0, b, 1, t.length);
    return b;
  }

  @MethodSource("seeds")
  @FuzzTest(maxDuration = "20s")
  void parseAnything(byte[] data) throws Exception {
    long now = System.nanoTime();
    if (INPUTS.getAndIncrement() == 0) firstNanos = now;
    lastNanos = now;
    if (data.length == 0) return;
    int parser = Math.floorMod(data[0], 5);
    String text = new String(Arrays.copyOfRange(data, 1, data.length), StandardCharsets.UTF_8);
    try {
      switch (parser) {
        case 0 -> workload(text);
        case 1 -> ResultStore.parseLine(text);
        case 2 -> HfConfig.read(write("config.json", text));
        case 3 -> layout(text);
        default -> RequestFile.open(write("requests.jsonl", text));
      }
      ACCEPTED[parser].incrementAndGet();
    } catch (BadInputException | IllegalArgumentException e) {
      oneLine(e);
    }
  }

  /** Read as a workload file, then built into grids as run does (its bad values are IllegalArgumentExceptions). */
  private static void workload(String text) throws Exception {
    Path f = write("w.yaml", text);
    for (WorkloadBuilder b : WorkloadFile.loadAll(f, new WorkloadBuilder())) {
      b.build(new WorkloadBuilder.Defaults(java.util.List.of(LabelledModel.of("m")), java.util.List.of("calibration"),
          java.util.List.of(8), java.util.List.of(4), Isolation.NONE));
    }
  }

  /** Each line names a file to create (empty) in a fresh model directory beside a valid config.json. */
  private static void layout(String text) throws Exception {
    Path m = dir.resolve("model");
    clear(m);
    Files.createDirectories(m);
    Files.writeString(m.resolve("config.json"), Presets.all().get("gpt2"));
    for (String line : text.split("\n", 16)) {
      String name = line.strip();
      if (name.isEmpty() || name.contains("..") || name.startsWith("/") || name.contains("\0")) continue;
      try {
        Path f = m.resolve(name).normalize();
        if (!f.startsWith(m)) continue;
        Files.createDirectories(f.getParent());
        if (!Files.exists(f)) Files.createFile(f);
      } catch (IOException | java.nio.file.InvalidPathException e) {
        // a name this file system cannot hold is not an input InferBench reads
      }
    }
    new OnnxFormat().inspect(m);
  }

  private static void oneLine(Exception e) {
    String msg = e.getMessage();
    if (msg == null || msg.isBlank() || msg.contains("\n")) {
      throw new AssertionError("not one line: " + e.getClass().getSimpleName() + ": " + msg, e);
    }
  }

  private static Path write(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    InPlace.overwrite(f, text.getBytes(StandardCharsets.UTF_8));
    return f;
  }

  private static void clear(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(x);
    }
  }
}
