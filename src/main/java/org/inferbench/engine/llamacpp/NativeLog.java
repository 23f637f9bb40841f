package org.inferbench.engine.llamacpp;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * llama.cpp's log in this process: the shim points llama_log_set at a file (one per process, written as llama.cpp
 * logs, never to standard output), and each model reads back what was logged while it loaded: the context and KV
 * cache llama.cpp made, and why loading failed.
 */
final class NativeLog {
  private static final Pattern KV = Pattern.compile("llama_kv_cache: size =\\s*(.*)$");
  private static final Pattern FIELD =
      Pattern.compile("^llama_context: (n_ctx|n_ctx_seq|n_batch|n_ubatch|flash_attn|n_seq_max)\\s+=\\s*(\\S+)");
  private static Path file;

  private final long from;
  private List<String> lines = List.of();

  private NativeLog(long from) {
    this.from = from;
  }

  /** The process's log file, made on first use and deleted when the process ends. */
  static synchronized Path file() {
    if (file == null) {
      try {
        file = Files.createTempFile("inferbench-llama-", ".log");
        file.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new IllegalStateException("cannot create llama.cpp's log file: " + e.getMessage(), e);
      }
    }
    return file;
  }

  /** Marks the log's end: what llama.cpp logs after this is this model's. */
  static NativeLog mark() {
    try {
      return new NativeLog(Files.size(file()));
    } catch (IOException e) {
      return new NativeLog(0);
    }
  }

  /** Rereads what was logged since the mark. */
  NativeLog read() {
    try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "r")) {
      long len = f.length() - from;
      byte[] b = new byte[(int) Math.max(0, Math.min(len, 16 << 20))];
      f.seek(from);
      f.readFully(b);
      lines = List.of(new String(b, StandardCharsets.UTF_8).split("\n"));
    } catch (IOException e) {
      lines = List.of();
    }
    return this;
  }

  List<String> lines() {
    return lines;
  }

  /** The context and KV cache llama.cpp reported making. */
  Map<String, String> loadFacts() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String l : lines) {
      Matcher f = FIELD.matcher(l);
      if (f.find()) m.putIfAbsent("llama-" + f.group(1).replace('_', '-'), f.group(2));
      Matcher kv = KV.matcher(l);
      if (kv.find()) m.put("kv-cache-size", kv.group(1).replaceAll("\\s+", " ").trim());
    }
    return m;
  }

  /** The KV cache llama.cpp allocated, in MiB ("llama_kv_cache: size = X MiB"); NaN when not logged. */
  double kvMib() {
    String v = loadFacts().get("kv-cache-size");
    if (v == null) return Double.NaN;
    Matcher m = Pattern.compile("^([0-9.]+) MiB").matcher(v);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  /** The lines saying why loading failed, joined. */
  String failure() {
    List<String> why = new ArrayList<>();
    for (String l : lines) {
      String s = l.toLowerCase(java.util.Locale.ROOT);
      if (s.contains("error") || s.contains("failed") || s.contains("requires")) why.add(l.trim());
    }
    return String.join("; ", why);
  }
}
