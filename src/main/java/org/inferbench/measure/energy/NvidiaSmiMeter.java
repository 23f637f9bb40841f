package org.inferbench.measure.energy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * NVIDIA GPU energy through {@code nvidia-smi}. Where the driver reports {@code total_energy_consumption} (mJ since
 * the driver loaded; Volta and later) the meter takes its difference between start and stop; otherwise it samples
 * {@code power.draw} (W) every {@code sampleInterval} and integrates by the trapezoid rule. Readings are marked
 * unverified: this path was only tested against a stand-in executable, never on a GPU.
 */
public final class NvidiaSmiMeter implements EnergyMeter {
  static final List<String> QUERY = List.of("--query-gpu=index,power.draw,total_energy_consumption",
      "--format=csv,noheader,nounits");

  private final String executable;
  private final Duration sampleInterval;
  private final String unavailableReason;
  private final boolean totalEnergy;
  private List<Gpu> startReading;
  private List<Gpu> stopReading;
  private long startNanos;
  private long stopNanos;
  private Thread sampler;
  private final List<Long> sampleTimes = new ArrayList<>();
  private final List<List<Gpu>> samples = new ArrayList<>();
  private volatile boolean sampling;
  private String failure;

  /** One GPU's line: power in W and energy in mJ, NaN where the driver says "[N/A]" or "[Not Supported]". */
  record Gpu(String index, double powerW, double energyMj) {}

  public NvidiaSmiMeter() {
    this("nvidia-smi", Duration.ofMillis(100));
  }

  public NvidiaSmiMeter(String executable, Duration sampleInterval) {
    this.executable = executable;
    this.sampleInterval = sampleInterval;
    String reason;
    boolean total = false;
    try {
      List<Gpu> gpus = query();
      if (gpus.isEmpty()) {
        reason = "no NVIDIA GPU: nvidia-smi lists no GPUs";
      } else if (gpus.stream().allMatch(g -> Double.isNaN(g.powerW()) && Double.isNaN(g.energyMj()))) {
        reason = "no NVIDIA GPU energy: nvidia-smi reports neither power.draw nor total_energy_consumption";
      } else {
        reason = null;
        total = gpus.stream().noneMatch(g -> Double.isNaN(g.energyMj()));
      }
    } catch (IOException e) {
      reason = "no NVIDIA GPU: " + e.getMessage();
    }
    this.unavailableReason = reason;
    this.totalEnergy = total;
  }

  @Override
  public String name() {
    return "nvidia-smi";
  }

  @Override
  public synchronized String unavailableReason() {
    if (unavailableReason != null) return unavailableReason;
    return failure == null ? null : "nvidia-smi read failed: " + failure;
  }

  /** "total_energy_consumption" when the driver counts energy, else "power.draw" sampling. */
  public String method() {
    return totalEnergy ? "total_energy_consumption" : "power.draw";
  }

  @Override
  public synchronized void start() {
    if (unavailableReason != null) return;
    failure = null;
    stopReading = null;
    samples.clear();
    sampleTimes.clear();
    try {
      startReading = query();
      startNanos = System.nanoTime();
    } catch (IOException e) {
      failure = e.getMessage();
      return;
    }
    if (!totalEnergy) {
      samples.add(startReading);
      sampleTimes.add(startNanos);
      sampling = true;
      sampler = new Thread(this::sampleLoop, "inferbench-nvidia-smi");
      sampler.setDaemon(true);
      sampler.start();
    }
  }

  private void sampleLoop() {
    while (sampling) {
      try {
        Thread.sleep(sampleInterval.toMillis());
        List<Gpu> reading = query();
        long now = System.nanoTime();
        synchronized (this) {
          if (!sampling) return;
          samples.add(reading);
          sampleTimes.add(now);
        }
      } catch (InterruptedException e) {
        return;
      } catch (IOException e) {
        synchronized (this) {
          // stop() interrupts a query in flight: that is the end of sampling, not a failed reading
          if (sampling) failure = e.getMessage();
        }
        return;
      }
    }
  }

  @Override
  public void stop() {
    Thread t;
    synchronized (this) {
      if (unavailableReason != null || startReading == null) return;
      sampling = false;
      t = sampler;
      sampler = null;
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      try {
        stopReading = query();
        stopNanos = System.nanoTime();
        if (!totalEnergy) {
          samples.add(stopReading);
          sampleTimes.add(stopNanos);
        }
      } catch (IOException e) {
        failure = e.getMessage();
      }
    }
  }

  @Override
  public synchronized Optional<EnergyReading> result() {
    if (unavailableReason != null || failure != null || startReading == null || stopReading == null) {
      return Optional.empty();
    }
    Map<String, Double> byGpu = new LinkedHashMap<>();
    if (totalEnergy) {
      for (int i = 0; i < stopReading.size(); i++) {
        byGpu.put("gpu" + stopReading.get(i).index(), (stopReading.get(i).energyMj() - startReading.get(i).energyMj())
            / 1e3);
      }
    } else {
      for (int s = 1; s < samples.size(); s++) {
        double dt = (sampleTimes.get(s) - sampleTimes.get(s - 1)) / 1e9;
        List<Gpu> a = samples.get(s - 1);
        List<Gpu> b = samples.get(s);
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
          double watts = (a.get(i).powerW() + b.get(i).powerW()) / 2;
          if (!Double.isNaN(watts)) byGpu.merge("gpu" + b.get(i).index(), watts * dt, Double::sum);
        }
      }
    }
    double total = byGpu.values().stream().mapToDouble(Double::doubleValue).sum();
    return Optional.of(new EnergyReading(total, (stopNanos - startNanos) / 1e9, "nvidia-smi " + method(), false,
        byGpu));
  }

  private List<Gpu> query() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(executable);
    command.addAll(QUERY);
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException(executable + " not found or not executable");
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(executable + " did not answer within 10 s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(executable + " interrupted");
    }
    if (process.exitValue() != 0) {
      throw new IOException(executable + " exited with " + process.exitValue() + ": "
          + out.lines().findFirst().orElse("").trim());
    }
    return parse(out);
  }

  /** Parses {@code index, power.draw, total_energy_consumption} lines (units dropped by {@code nounits}). */
  static List<Gpu> parse(String csv) throws IOException {
    List<Gpu> gpus = new ArrayList<>();
    for (String line : csv.split("\\R")) {
      if (line.isBlank()) continue;
      String[] f = line.split(",");
      if (f.length != 3) {
        throw new IOException("nvidia-smi: expected 3 fields (index, power.draw, total_energy_consumption), got '"
            + line.trim() + "'");
      }
      gpus.add(new Gpu(f[0].trim(), number(f[1]), number(f[2])));
    }
    return gpus;
  }

  private static double number(String field) throws IOException {
    String v = field.trim();
    if (v.startsWith("[")) return Double.NaN; // "[N/A]", "[Not Supported]"
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IOException("nvidia-smi: expected a number or [N/A], got '" + v + "'");
    }
  }
}
