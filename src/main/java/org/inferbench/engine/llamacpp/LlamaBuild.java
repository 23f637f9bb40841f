package org.inferbench.engine.llamacpp;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One llama.cpp build as the engine runs it: where its libraries are, the shim compiled for it, and what the
 * library says about itself (asked by the shim's probe program, so the planning process loads no native code).
 *
 * @param dir the libraries' directory
 * @param shim the shim compiled against this build's llama.h and linked with its libraries
 * @param backendDir where ggml loads its CPU backend variants from, or null where they are linked in
 * @param commit ggml_commit(): the llama.cpp commit the library was built from
 * @param version llama_version()
 * @param systemInfo llama_print_system_info(): backends and the CPU features compiled in and found
 * @param libraryHash SHA-256 (first 16 hex digits) over the build's libraries' bytes
 */
record LlamaBuild(Path dir, Path shim, Path backendDir, String commit, String version, String systemInfo,
    String libraryHash) {

  /** "llama.cpp de3ff81 (0.5.0-dev)": part of the config_key, so two builds are never compared as one. */
  String label() {
    return "llama.cpp " + commit + " (" + version + ")";
  }

  /** The CPU features llama.cpp reports as on ("AVX512 AVX512_VNNI ... OPENMP"), without the "= 1"s. */
  String features() {
    StringBuilder b = new StringBuilder();
    for (String part : systemInfo.split("\\|")) {
      String[] kv = part.replaceFirst("^\\s*\\w+\\s*:", "").trim().split("\\s*=\\s*");
      if (kv.length == 2 && kv[1].equals("1")) b.append(b.isEmpty() ? "" : " ").append(kv[0]);
    }
    return b.toString();
  }

  /** What every record of this build carries among its effective settings. */
  Map<String, String> facts() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("llama-build", label());
    m.put("llama-commit", commit);
    m.put("llama-lib", dir.toString());
    m.put("llama-lib-sha256", libraryHash);
    m.put("llama-system-info", systemInfo.trim());
    m.put("llama-cpu-features", features());
    m.put("llama-backends", backendDir == null ? "linked in" : "loaded by ggml from " + backendDir);
    return m;
  }
}
