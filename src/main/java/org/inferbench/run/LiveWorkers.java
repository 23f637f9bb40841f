package org.inferbench.run;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker processes alive in this JVM. Ctrl-C or SIGTERM ends the parent through its shutdown hooks (exit 130 or
 * 143); this one ends the workers too, since a worker in the middle of a long request would notice its closed
 * input only when the request ends. Records already appended stay: each is written whole before the next starts.
 */
final class LiveWorkers {
  private static final Set<Process> ALIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (Process p : ALIVE) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }, "inferbench-stop-workers"));
  }

  private LiveWorkers() {}

  static void add(Process p) {
    ALIVE.add(p);
  }

  static void remove(Process p) {
    ALIVE.remove(p);
  }
}
