package org.inferbench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.core.ModelFacts;
import org.inferbench.roofline.RooflineCounts;

/**
 * Which configurations are loaded at once when they take turns: as many as memory allows, so interleaving a
 * sweep of 1B-parameter models never opens more workers than the machine holds. Under a time budget a window is
 * one whole model (every configuration of it measured together, so a slow drift falls on all of them alike), and
 * each loaded model serves all its configurations.
 */
final class LoadWindows {
  /** What a worker holds besides the weights: the JVM, the engine's runtime, buffers (measured: 0.3–0.5 GB). */
  static final long WORKER_BASE_BYTES = 512L << 20;
  /** Engines hold up to about twice the weights (ORT's fp32 arena and pre-packed copies, measured 2.2×). */
  static final double WEIGHT_FACTOR = 2.5;
  /** A model the engine cannot count (an instrument, a remote server) is assumed this large: on the safe side. */
  static final long UNKNOWN_MODEL_BYTES = 1L << 30;
  /** Never plan to use more than this share of the memory available when the run starts. */
  static final double USABLE_SHARE = 0.75;

  private LoadWindows() {}

  /** Consecutive plans, packed while their estimated memory fits (at least one per window). */
  static List<List<Plan>> consecutive(List<Plan> plans, long memoryBytes) {
    List<List<List<Plan>>> groups = new ArrayList<>();
    for (Plan p : plans) groups.add(List.of(List.of(p)));
    return pack(groups, memoryBytes);
  }

  /**
   * One model (model and engine) to a window, with every configuration of it; a model whose loaded models (one per
   * set of settings, see {@link #byLoadedModel}) do not fit together is split between them. A loaded model counts
   * once however many configurations it serves: under a budget one worker loads it for all of them. Models never
   * share a window: measured on 2 cores, three models' workers taking turns made bert's CV 13–31 % (2–6 % alone).
   */
  static List<List<Plan>> byModel(List<Plan> plans, long memoryBytes) {
    Map<String, List<Plan>> models = new LinkedHashMap<>();
    for (Plan p : plans) {
      models.computeIfAbsent(p.configuration().model().label() + "|" + p.configuration().engine(),
          k -> new ArrayList<>()).add(p);
    }
    List<List<Plan>> windows = new ArrayList<>();
    for (List<Plan> model : models.values()) windows.addAll(pack(List.of(byLoadedModel(model)), memoryBytes));
    return windows;
  }

  /**
   * The configurations one loaded model serves (the same model, engine and settings: they differ only in batch
   * or lengths), in the order they first appear.
   */
  static List<List<Plan>> byLoadedModel(List<Plan> plans) {
    Map<String, List<Plan>> models = new LinkedHashMap<>();
    for (Plan p : plans) models.computeIfAbsent(loadedModelKey(p), k -> new ArrayList<>()).add(p);
    return new ArrayList<>(models.values());
  }

  static String loadedModelKey(Plan p) {
    var c = p.configuration();
    // what LastLoadedModel compares before it reuses a model
    return c.model() + "|" + c.engine() + "|" + c.engineOpts() + "|" + (p.settings() == null ? "" : p.settings().values());
  }

  /** Groups kept whole while they fit, each a list of units (plans that are loaded together, counted once). */
  private static List<List<Plan>> pack(List<List<List<Plan>>> groups, long memoryBytes) {
    List<List<Plan>> windows = new ArrayList<>();
    List<Plan> current = new ArrayList<>();
    long used = 0;
    for (List<List<Plan>> g : groups) {
      long need = 0;
      for (List<Plan> unit : g) need += bytes(unit.get(0));
      if (!current.isEmpty() && used + need > memoryBytes) {
        windows.add(current);
        current = new ArrayList<>();
        used = 0;
      }
      for (List<Plan> unit : g) {
        long b = bytes(unit.get(0));
        if (!current.isEmpty() && used + b > memoryBytes) {
          windows.add(current);
          current = new ArrayList<>();
          used = 0;
        }
        current.addAll(unit);
        used += b;
      }
    }
    if (!current.isEmpty()) windows.add(current);
    return windows;
  }

  /** A worker's expected resident memory. */
  static long bytes(Plan p) {
    ModelFacts f = p.info() == null ? null : p.info().facts();
    if (f == null) return WORKER_BASE_BYTES + UNKNOWN_MODEL_BYTES;
    double weights = RooflineCounts.parameters(f.dims()) * Math.max(f.weights().matmul(), 1);
    return WORKER_BASE_BYTES + (long) (weights * WEIGHT_FACTOR);
  }

  /** The memory to plan with: a share of MemAvailable (property inferbench.memory-limit-mb overrides, for tests). */
  static long usableBytes() {
    String limit = System.getProperty("inferbench.memory-limit-mb");
    if (limit != null) return Long.parseLong(limit) << 20;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemAvailable:")) {
          long kb = Long.parseLong(line.replaceAll("\\D", ""));
          return (long) (kb * 1024 * USABLE_SHARE);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: the JVM's view below
    }
    return (long) (Runtime.getRuntime().maxMemory() * USABLE_SHARE);
  }
}
