package org.inferbench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store writes one whole line per record, reads back exactly what it wrote, sets aside a line cut short by a
 * crash, and reports corrupt lines by number while loading the rest.
 */
final class ResultStoreTest {
  @TempDir Path dir;

  private static String json(ResultRecord r) throws IOException {
    return Json.mapper().writeValueAsString(r);
  }

  @Test
  void roundTripsRecordsInFileOrder() throws Exception {
    Path file = dir.resolve("nested/dir/results.jsonl");
    List<ResultRecord> written = Fixtures.seeded();
    try (ResultStore store = ResultStore.open(file)) {
      for (ResultRecord r : written) store.append(r);
      assertThat(store.warnings()).isEmpty();
    }
    LoadedResults loaded = ResultStore.read(file);
    assertThat(loaded.errors()).isEmpty();
    assertThat(loaded.records()).hasSize(3);
    for (int i = 0; i < 3; i++) assertThat(json(loaded.records().get(i))).isEqualTo(json(written.get(i)));
    assertThat(loaded.records().get(0).samples(Metric.TTFT)).containsExactly(written.get(0).samples(Metric.TTFT));
    assertThat(loaded.records().get(2).status()).isEqualTo(Status.FAILED);
    assertThat(loaded.okConfigKeys())
        .containsExactly(written.get(0).configKey(), written.get(1).configKey());
    assertThat(ResultStore.okConfigKeys(file)).isEqualTo(loaded.okConfigKeys());
    assertThat(Files.readString(file)).endsWith("\n").doesNotContain("\r");
  }

  @Test
  void unterminatedLastLineIsSetAsideAndNextAppendStartsClean() throws Exception {
    Path file = dir.resolve("results.jsonl");
    List<ResultRecord> records = Fixtures.seeded();
    String first = json(records.get(0)) + "\n";
    String cut = json(records.get(1)).substring(0, 150);
    Files.writeString(file, first + cut);

    try (ResultStore store = ResultStore.open(file)) {
      assertThat(store.warnings()).singleElement().asString().contains("unterminated last line", "partial-");
      assertThat(Files.readString(file)).isEqualTo(first);
      store.append(records.get(2));
    }
    assertThat(Files.readString(file)).isEqualTo(first + json(records.get(2)) + "\n");
    List<Path> sides;
    try (Stream<Path> s = Files.list(dir)) {
      sides = s.filter(p -> p.getFileName().toString().startsWith("results.jsonl.partial-")).toList();
    }
    assertThat(sides).singleElement().satisfies(p -> assertThat(Files.readString(p)).isEqualTo(cut));
    LoadedResults loaded = ResultStore.read(file);
    assertThat(loaded.errors()).isEmpty();
    assertThat(loaded.records()).hasSize(2);
  }

  @Test
  void appendRepairsATailLeftByAnotherWriter() throws Exception {
    Path file = dir.resolve("results.jsonl");
    List<ResultRecord> records = Fixtures.seeded();
    try (ResultStore store = ResultStore.open(file)) {
      store.append(records.get(0));
      // another process dies mid-write while this store is open
      Files.writeString(file, "{\"schema_version\":1,\"conf", StandardOpenOption.APPEND);
      store.append(records.get(1));
      assertThat(store.warnings()).singleElement().asString().contains("unterminated");
    }
    LoadedResults loaded = ResultStore.read(file);
    assertThat(loaded.errors()).isEmpty();
    assertThat(loaded.records()).hasSize(2);
  }

  @Test
  void completeRecordWithoutNewlineIsKept() throws Exception {
    Path file = dir.resolve("results.jsonl");
    Files.writeString(file, json(Fixtures.seeded().get(0)));
    try (ResultStore store = ResultStore.open(file)) {
      assertThat(store.warnings()).singleElement().asString().contains("added one");
      store.append(Fixtures.seeded().get(1));
    }
    assertThat(ResultStore.read(file).records()).hasSize(2);
  }

  @Test
  void corruptMiddleLineIsReportedWithItsNumberAndOthersLoad() throws Exception {
    Path file = dir.resolve("results.jsonl");
    List<ResultRecord> r = Fixtures.seeded();
    String wrongType = json(r.get(1)).replace("\"batch\":2", "\"batch\":\"two\"");
    String future = json(r.get(2)).replace("\"schema_version\":" + ResultRecord.SCHEMA_VERSION,
        "\"schema_version\":" + (ResultRecord.SCHEMA_VERSION + 1));
    String unknown = json(r.get(2)).replace("\"run_id\"", "\"colour\":\"red\",\"run_id\"");
    Files.writeString(file, String.join("\n", json(r.get(0)), "{not json", "", wrongType, future, unknown,
        json(r.get(1)) + json(r.get(2)), json(r.get(2))) + "\n");

    LoadedResults loaded = ResultStore.read(file);
    assertThat(loaded.records()).extracting(ResultRecord::runId).containsExactly("run-7", "run-failed");
    assertThat(loaded.errors()).extracting(LineError::lineNumber).containsExactly(2, 4, 5, 6, 7);
    assertThat(loaded.errors().get(0).message()).startsWith("not JSON");
    assertThat(loaded.errors().get(1).message()).isEqualTo("workload.batch: expected an integer, got \"two\"");
    assertThat(loaded.errors().get(2).message()).contains("schema_version " + (ResultRecord.SCHEMA_VERSION + 1) + " is not supported",
        "reads versions 1 to " + ResultRecord.SCHEMA_VERSION);
    assertThat(loaded.errors().get(3).message()).startsWith("colour: unknown field");
    assertThat(loaded.errors().get(4).message()).startsWith("not JSON");
    assertThat(loaded.errors()).allSatisfy(e -> assertThat(e.message()).doesNotContain("\n"));
    assertThat(loaded.errors().get(0).toString()).isEqualTo(file + ":2: " + loaded.errors().get(0).message());
  }

  @Test
  void missingRequiredFieldAndBadTimestampAreRejected() throws Exception {
    ResultRecord r = Fixtures.seeded().get(0);
    String noBatch = json(r).replace("\"batch\":1,", "");
    assertThatThrownBy(() -> ResultStore.parseLine(noBatch)).hasMessage("workload.batch: required, missing");
    String badTime = json(r).replace("2026-01-02T03:04:05Z", "yesterday");
    assertThatThrownBy(() -> ResultStore.parseLine(badTime)).hasMessageContaining("timestamp: expected an ISO-8601");
    assertThatThrownBy(() -> ResultStore.parseLine(json(r).replace("\"status\":\"ok\"", "\"status\":\"fine\"")))
        .hasMessageStartingWith("status: expected one of ok, failed, n/a");
  }

  @Test
  void appendRejectsRecordsTheReaderWouldReject() throws Exception {
    ResultRecord r = Fixtures.seeded().get(0);
    ResultRecord noKey = new ResultRecord(ResultRecord.SCHEMA_VERSION, null, r.envFingerprint(), r.runId(), r.timestamp(), r.status(), null,
        r.workload(), r.environment(), null, null, null, null, null, null);
    try (ResultStore store = ResultStore.open(dir.resolve("results.jsonl"))) {
      assertThatThrownBy(() -> store.append(noKey)).hasMessage("config_key: required, missing");
    }
    assertThat(Files.readString(dir.resolve("results.jsonl"))).isEmpty();
  }

  @Test
  void readsSeveralFilesInOrderAndReportsWhichFileFailed() throws Exception {
    List<ResultRecord> r = Fixtures.seeded();
    Path a = dir.resolve("a.jsonl");
    Path b = dir.resolve("b.jsonl");
    Files.writeString(a, json(r.get(0)) + "\n");
    Files.writeString(b, "garbage\n" + json(r.get(2)) + "\n");
    LoadedResults loaded = ResultStore.read(List.of(a, b));
    assertThat(loaded.records()).extracting(ResultRecord::runId).containsExactly("run-7", "run-failed");
    assertThat(loaded.errors()).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo(b);
      assertThat(e.lineNumber()).isEqualTo(1);
    });
  }

  @Test
  void missingFileIsAOneLineErrorNamingIt() throws Exception {
    Path missing = dir.resolve("none.jsonl");
    assertThatThrownBy(() -> ResultStore.read(missing))
        .isInstanceOf(IOException.class)
        .hasMessage("results file " + missing + ": not found");
    assertThat(ResultStore.readIfExists(missing).records()).isEmpty();
    assertThat(ResultStore.okConfigKeys(missing)).isEmpty();
  }

  @Test
  void unwritablePathIsAnIOExceptionNamingTheFile() throws Exception {
    Path blocker = dir.resolve("not-a-dir");
    Files.writeString(blocker, "x");
    Path file = blocker.resolve("results.jsonl");
    assertThatThrownBy(() -> ResultStore.open(file)).isInstanceOf(IOException.class)
        .hasMessageStartingWith("results file " + file + ":").hasMessageNotContaining("\n");
    assertThatThrownBy(() -> ResultStore.checkWritable(file)).isInstanceOf(IOException.class)
        .hasMessageStartingWith("results file " + file + ":");
    assertThatThrownBy(() -> ResultStore.checkWritable(dir)).hasMessageContaining("is a directory");
  }

  @Test
  void checkWritableLeavesNoFileBehind() throws Exception {
    Path file = dir.resolve("sub/results.jsonl");
    ResultStore.checkWritable(file);
    assertThat(file).doesNotExist();
    assertThat(file.getParent()).isDirectory();
    Files.writeString(file, "keep\n");
    ResultStore.checkWritable(file);
    assertThat(Files.readString(file)).isEqualTo("keep\n");
  }

  @Test
  void concurrentAppendsFromTwoStoresNeverInterleave() throws Exception {
    Path file = dir.resolve("results.jsonl");
    ResultRecord r = Fixtures.seeded().get(0);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (ResultStore a = ResultStore.open(file); ResultStore b = ResultStore.open(file)) {
      List<Future<?>> jobs = new ArrayList<>();
      for (ResultStore s : List.of(a, b)) {
        jobs.add(pool.submit(() -> {
          for (int i = 0; i < 20; i++) s.append(r);
          return null;
        }));
      }
      for (Future<?> f : jobs) f.get();
    } finally {
      pool.shutdown();
    }
    LoadedResults loaded = ResultStore.read(file);
    assertThat(loaded.errors()).isEmpty();
    assertThat(loaded.records()).hasSize(40);
    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(40);
  }
}
