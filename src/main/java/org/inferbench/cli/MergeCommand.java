package org.inferbench.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.inferbench.core.BadInputException;
import org.inferbench.results.Json;
import org.inferbench.results.LineError;
import org.inferbench.results.LoadedResults;
import org.inferbench.results.ResultRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code inferbench merge OUT IN...}: the results files of many machines (or shards) as one. A record found in
 * several files is kept once; two different records of one measurement (same config_key, run and time) are both
 * kept and reported; every record keeps its own environment, so the report still tells the machines apart. An
 * empty file is a shard that had nothing to do; records of shards of different grids (or split with different
 * estimates, or into a different number of shards) are refused, since together they are no one sweep.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = "Merge results files from many machines or shards into one new file (identical records once).")
final class MergeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "OUT", description = "The merged file to write (must not exist).")
  Path out;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "IN", description = "Results files to merge.")
  List<Path> in;

  @Override
  public Integer call() throws Exception {
    if (Files.exists(out)) throw new BadInputException(out + ": exists; merge writes a new file");
    for (Path f : in) {
      if (f.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
        throw new BadInputException(out + ": is also an input");
      }
    }
    Map<String, String> byJson = new LinkedHashMap<>();
    Map<String, List<String>> byMeasurement = new LinkedHashMap<>();
    Set<String> machines = new LinkedHashSet<>();
    int read = 0;
    int empty = 0;
    ShardOrigin.Check shards = new ShardOrigin.Check();
    for (Path f : in) {
      if (isEmpty(f)) {
        empty++;
        continue;
      }
      LoadedResults loaded = Inputs.readResults(List.of(f)); // a file without a valid record is refused there
      for (LineError e : loaded.errors()) System.err.println("inferbench: " + e);
      for (ResultRecord r : loaded.records()) {
        shards.add(f, r);
        read++;
        String json = Json.mapper().writeValueAsString(r);
        if (byJson.putIfAbsent(json, json) != null) continue;
        byMeasurement.computeIfAbsent(r.configKey() + " " + r.runId() + " " + r.timestamp(), k -> new ArrayList<>())
            .add(json);
        String host = r.environment() == null || r.environment().extra() == null ? null
            : r.environment().extra().get("host");
        machines.add(r.envFingerprint() + (host == null ? "" : "@" + host));
      }
    }
    write(out, byJson.keySet());
    int conflicts = 0;
    for (Map.Entry<String, List<String>> e : byMeasurement.entrySet()) {
      if (e.getValue().size() < 2) continue;
      conflicts++;
      System.err.println("inferbench: conflict: " + e.getValue().size() + " different records of config_key "
          + e.getKey().split(" ")[0] + " (run " + e.getKey().split(" ")[1] + "): all kept");
    }
    System.out.printf("merged %d records from %d files%s into %s: %d kept, %d duplicates dropped, %d conflicts kept,"
        + " %d machine(s)%s%n", read, in.size(), empty == 0 ? "" : " (" + empty + " empty)", out, byJson.size(),
        read - byJson.size(), conflicts, machines.size(), shards.summary());
    return ExitCodes.OK;
  }

  /** A file with nothing but white space: what a shard with nothing to do writes. */
  private static boolean isEmpty(Path f) throws BadInputException {
    try {
      if (!Files.isRegularFile(f)) return false; // refused with its reason when read
      if (Files.size(f) > 4096) return false;
      return Files.readString(f, StandardCharsets.UTF_8).isBlank();
    } catch (IOException e) {
      throw new BadInputException(f + ": cannot read (" + e.getMessage() + ")");
    }
  }

  /** Written beside OUT and moved into place: a crash never leaves half a merged file under its name. */
  private static void write(Path out, Iterable<String> lines) throws IOException {
    Path dir = out.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, out.getFileName().toString(), ".partial");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      for (String l : lines) w.write(l + "\n");
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
  }
}
