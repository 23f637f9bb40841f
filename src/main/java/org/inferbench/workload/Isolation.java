package org.inferbench.workload;

/** Where a configuration runs. */
public enum Isolation {
  /** A fresh JVM per configuration, so memory figures and JIT state start clean. */
  PROCESS,
  /** In this JVM (debugging, library use). */
  NONE;

  public static Isolation parse(String s) {
    for (Isolation i : values()) {
      if (i.name().equalsIgnoreCase(s)) return i;
    }
    throw new IllegalArgumentException("isolate: expected process or none, got '" + s + "'");
  }
}
