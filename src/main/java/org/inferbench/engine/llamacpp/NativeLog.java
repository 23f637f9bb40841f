package org.inferbench.engine.llamacpp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What llama.cpp logged while loading, read back from its {@code --log-file}. The binding's Java logger cannot be
 * used for this: loadModel calls common_init(), which points llama_log_set at llama.cpp's own logger and so
 * replaces any callback set before loading (jllama.cpp, common/common.cpp in b4916); --log-file gets a copy of
 * every line common_log writes. That logger writes from its own thread, so lines may arrive a little after the call
 * that logged them.
 */
final class NativeLog {
  /** Written by the binding's loadModel as its last line (jllama.cpp). */
  private static final String LOADED = "LlamaModel_loadModel: model loaded";
  private static final Pattern KV = Pattern.compile("KV self size\\s*=\\s*(.*)$");
  private static final Pattern FIELD =
      Pattern.compile("^llama_context: (n_ctx|n_batch|n_ubatch|flash_attn)\\s+=\\s*(\\d+)");
  private static final Pattern BUILD = Pattern.compile("^build: (.*)$");
  private static final Pattern SYSTEM = Pattern.compile("^system_info: (.*)$");

  private final Path file;
  private List<String> lines = List.of();

  NativeLog(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** Rereads the file until a line contains {@code marker} or {@code waitMillis} pass. */
  NativeLog awaitLine(String marker, long waitMillis) {
    long end = System.nanoTime() + waitMillis * 1_000_000;
    while (true) {
      lines = read();
      if (lines.stream().anyMatch(l -> l.contains(marker)) || System.nanoTime() > end) return this;
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return this;
      }
    }
  }

  /** The lines read by the last {@link #awaitLine}. */
  List<String> lines() {
    return lines;
  }

  NativeLog awaitLoaded() {
    return awaitLine(LOADED, 2000);
  }

  /** What llama.cpp reported while loading: its build, system info, the context it made and its KV cache size. */
  Map<String, String> loadFacts() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String l : lines) {
      first(BUILD, l).ifPresent(v -> m.putIfAbsent("llama-build", v));
      first(SYSTEM, l).ifPresent(v -> m.putIfAbsent("llama-system-info", v));
      Matcher f = FIELD.matcher(l);
      if (f.find()) m.putIfAbsent("llama-" + f.group(1).replace('_', '-'), f.group(2));
      first(KV, l).ifPresent(v -> m.put("kv-self-size", v.replaceAll("\\s+", " ")));
    }
    return m;
  }

  /** The KV cache llama.cpp allocated, in MiB, from "KV self size = X MiB"; NaN when not logged. */
  double kvSelfMib() {
    String v = loadFacts().get("kv-self-size");
    if (v == null) return Double.NaN;
    Matcher m = Pattern.compile("^([0-9.]+) MiB").matcher(v);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  /** The lines saying why loading failed ("error loading model: ...", "... requires flash_attn"), joined. */
  String failure() {
    List<String> why = new ArrayList<>();
    for (String l : lines) {
      String s = l.toLowerCase(java.util.Locale.ROOT);
      if (s.contains("error") || s.contains("failed") || s.contains("requires")) why.add(l.trim());
    }
    return String.join("; ", why);
  }

  private static Optional<String> first(Pattern p, String line) {
    Matcher m = p.matcher(line);
    return m.find() ? Optional.of(m.group(1).trim()) : Optional.empty();
  }

  private List<String> read() {
    try {
      // lenient decoding: a log line may hold a token's raw bytes
      return List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n"));
    } catch (IOException e) {
      return List.of(); // not written yet
    }
  }
}
