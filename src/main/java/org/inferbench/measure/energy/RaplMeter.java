package org.inferbench.measure.energy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU package energy from Linux powercap RAPL: {@code <root>/intel-rapl:N/energy_uj}, a microjoule counter that
 * wraps to zero past {@code max_energy_range_uj}. Only package zones ({@code intel-rapl:N}) are summed; their
 * sub-zones (core, uncore, dram) are parts of them or not on every machine.
 *
 * <p>A wrap between two reads is undone with the range; two wraps between reads cannot be seen, so while running
 * the meter reads every {@code pollInterval} (a counter wraps after minutes to hours, depending on power).
 */
public final class RaplMeter implements EnergyMeter {
  public static final Path DEFAULT_ROOT = Path.of("/sys/class/powercap");
  private static final Pattern PACKAGE_ZONE = Pattern.compile("intel-rapl:\\d+");

  private final Path root;
  private final Duration pollInterval;
  private final List<Zone> zones = new ArrayList<>();
  private final String unavailableReason;
  private ScheduledExecutorService poller;
  private long startNanos;
  private long stopNanos;
  private boolean stopped;
  private String failure;

  /** A package zone: its counter range, last raw reading and the microjoules accumulated since start. */
  private static final class Zone {
    final String name;
    final Path counter;
    final long range;
    long last;
    long accumulatedUj;

    Zone(String name, Path counter, long range) {
      this.name = name;
      this.counter = counter;
      this.range = range;
    }
  }

  public RaplMeter() {
    this(DEFAULT_ROOT, Duration.ofSeconds(10));
  }

  /** @param pollInterval reads between start and stop to catch wraps; zero reads only at start and stop */
  public RaplMeter(Path root, Duration pollInterval) {
    this.root = root;
    this.pollInterval = pollInterval;
    this.unavailableReason = discover();
  }

  private String discover() {
    if (!Files.isDirectory(root)) {
      return "no RAPL access: " + root + " does not exist (no powercap driver, or not Linux)";
    }
    List<Path> dirs;
    try (Stream<Path> list = Files.list(root)) {
      dirs = list.filter(p -> PACKAGE_ZONE.matcher(p.getFileName().toString()).matches()).sorted().toList();
    } catch (IOException e) {
      return "no RAPL access: cannot list " + root + " (" + e.getMessage() + ")";
    }
    if (dirs.isEmpty()) return "no RAPL access: no intel-rapl:N package zones under " + root;
    for (Path dir : dirs) {
      Path counter = dir.resolve("energy_uj");
      Path rangeFile = dir.resolve("max_energy_range_uj");
      long range;
      try {
        readLong(counter);
      } catch (IOException | RuntimeException e) {
        return "no RAPL access: " + counter + " is not readable (root-only since Linux 5.10; run as root or grant "
            + "read access)";
      }
      try {
        range = readLong(rangeFile);
      } catch (IOException | RuntimeException e) {
        return "no RAPL access: " + rangeFile + " is not readable, so wrap-around cannot be undone";
      }
      String name = dir.getFileName().toString();
      try {
        Path nameFile = dir.resolve("name");
        if (Files.isReadable(nameFile)) name = Files.readString(nameFile).trim();
      } catch (IOException e) {
        // the directory name will do
      }
      zones.add(new Zone(name, counter, range));
    }
    return null;
  }

  @Override
  public String name() {
    return "rapl";
  }

  @Override
  public synchronized String unavailableReason() {
    if (unavailableReason != null) return unavailableReason;
    return failure == null ? null : "RAPL read failed: " + failure;
  }

  @Override
  public synchronized void start() {
    if (unavailableReason != null) return;
    failure = null;
    stopped = false;
    try {
      for (Zone z : zones) {
        z.last = readLong(z.counter);
        z.accumulatedUj = 0;
      }
    } catch (IOException | RuntimeException e) {
      failure = e.getMessage();
    }
    startNanos = System.nanoTime();
    if (!pollInterval.isZero() && !pollInterval.isNegative()) {
      poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "inferbench-rapl-poll");
        t.setDaemon(true);
        return t;
      });
      long every = pollInterval.toNanos();
      poller.scheduleAtFixedRate(this::poll, every, every, TimeUnit.NANOSECONDS);
    }
  }

  /** Reads every counter and adds what it advanced since the previous read, undoing one wrap. */
  public synchronized void poll() {
    if (unavailableReason != null || failure != null || stopped) return;
    try {
      for (Zone z : zones) {
        long now = readLong(z.counter);
        z.accumulatedUj += advance(z.last, now, z.range);
        z.last = now;
      }
    } catch (IOException | RuntimeException e) {
      failure = e.getMessage();
    }
  }

  /** Microjoules from {@code before} to {@code after} on a counter that wraps to 0 past {@code range}. */
  static long advance(long before, long after, long range) {
    return after >= before ? after - before : (range - before) + after;
  }

  @Override
  public void stop() {
    if (poller != null) {
      poller.shutdownNow();
      poller = null;
    }
    synchronized (this) {
      if (unavailableReason != null || stopped) return;
      poll();
      stopNanos = System.nanoTime();
      stopped = true;
    }
  }

  @Override
  public synchronized Optional<EnergyReading> result() {
    if (!available() || !stopped || failure != null) return Optional.empty();
    Map<String, Double> byZone = new LinkedHashMap<>();
    double total = 0;
    for (Zone z : zones) {
      double joules = z.accumulatedUj / 1e6;
      byZone.merge(z.name, joules, Double::sum);
      total += joules;
    }
    return Optional.of(new EnergyReading(total, (stopNanos - startNanos) / 1e9, "rapl", true, byZone));
  }

  private static long readLong(Path file) throws IOException {
    return Long.parseLong(Files.readString(file).trim());
  }
}
