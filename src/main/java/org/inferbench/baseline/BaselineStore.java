package org.inferbench.baseline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.inferbench.results.Json;
import org.inferbench.results.LatestRecords;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.ResultStore;

/**
 * Named baselines in a {@code baselines/} directory: {@code <name>.jsonl}, one result record per line, the latest
 * measured (status ok) record of each config_key at the time of saving. A copy, so later runs appended to the
 * results file never change what a baseline says.
 */
public final class BaselineStore {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final String SUFFIX = ".jsonl";

  private final Path directory;

  /** @param directory the {@code baselines/} directory; created on the first save */
  public BaselineStore(Path directory) {
    this.directory = directory;
  }

  public Path directory() {
    return directory;
  }

  public Path path(String name) {
    checkName(name);
    return directory.resolve(name + SUFFIX);
  }

  /**
   * Saves (or replaces) baseline {@code name} from the given records; returns the file written. Failed and
   * not-applicable records are skipped: a baseline is what was measured.
   */
  public Path save(String name, List<ResultRecord> records) throws IOException {
    return save(name, records, 0);
  }

  /**
   * Saves baseline {@code name} with up to {@code history} earlier ok records of each config_key before its latest
   * (oldest first): the gate takes the spread of their means as the variability between runs.
   */
  public Path save(String name, List<ResultRecord> records, int history) throws IOException {
    Path file = path(name);
    LatestRecords grouped = LatestRecords.byConfigKey(records.stream().filter(ResultRecord::ok).toList());
    List<ResultRecord> latest = new java.util.ArrayList<>();
    for (ResultRecord r : grouped.latestList()) {
      List<ResultRecord> earlier = grouped.historyOf(r.configKey());
      latest.addAll(earlier.subList(Math.max(0, earlier.size() - history), earlier.size()));
      latest.add(r);
    }
    if (latest.isEmpty()) {
      throw new IllegalArgumentException("baseline '" + name + "': expected at least one measured (ok) record, got "
          + records.size() + " records and none ok");
    }
    Files.createDirectories(directory);
    ObjectMapper mapper = Json.mapper();
    StringBuilder text = new StringBuilder();
    for (ResultRecord r : latest) text.append(mapper.writeValueAsString(r)).append('\n');
    // write beside and move, so a reader never sees half a baseline
    Path tmp = Files.createTempFile(directory, name, ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  /** The records of baseline {@code name}. */
  public List<ResultRecord> load(String name) throws IOException {
    Path file = path(name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("baseline '" + name + "': no file " + file + " (saved: "
          + (names().isEmpty() ? "none" : String.join(", ", names())) + ")");
    }
    List<ResultRecord> records = new ArrayList<>();
    int lineNo = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNo++;
      if (line.isBlank()) continue;
      try {
        records.add(ResultStore.parseLine(line));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + " line " + lineNo + ": " + e.getMessage());
      }
    }
    return records;
  }

  /** Names of the saved baselines, sorted. */
  public List<String> names() {
    if (!Files.isDirectory(directory)) return List.of();
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString())
          .filter(f -> f.endsWith(SUFFIX))
          .map(f -> f.substring(0, f.length() - SUFFIX.length()))
          .filter(n -> NAME.matcher(n).matches())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("baseline name: expected letters, digits, '.', '_' or '-' (not first), got '"
          + name + "'");
    }
  }
}
