package org.inferbench.results;

import java.util.HashMap;
import java.util.Map;

/**
 * The env_fingerprint: which machine a result comes from, so results are only compared like with like.
 * Hashes CPU model, cores, memory (rounded to whole GiB, because the total the kernel reports moves by a few MB
 * between kernel versions) and OS name. Versions (kernel, JVM, engine, tool) are recorded but not hashed: an
 * upgrade is exactly what a trend over the same machine should show.
 */
public final class EnvFingerprint {
  private EnvFingerprint() {}

  public static String of(EnvironmentRecord e) {
    if (e == null) throw new IllegalArgumentException("env_fingerprint: expected an environment, got null");
    Map<String, Object> f = new HashMap<>();
    f.put("cpu_model", e.cpuModel());
    f.put("cores", e.cores());
    f.put("memory_gib", Math.round(e.memoryMb() / 1024.0));
    f.put("os", e.os());
    return Hashes.of(f);
  }
}
