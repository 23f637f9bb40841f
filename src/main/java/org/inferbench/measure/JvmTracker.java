package org.inferbench.measure;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the JVM did during the measured requests — collections, their pauses, JIT compilation — which the
 * "noisy" flag cites as likely causes, and the heap in use at the end.
 */
public final class JvmTracker implements Tracker {
  private long gcCount0;
  private long gcMillis0;
  private long jitMillis0;
  private final Map<String, Object> results = new LinkedHashMap<>();

  @Override
  public void start() {
    gcCount0 = gcCount();
    gcMillis0 = gcMillis();
    jitMillis0 = jitMillis();
  }

  @Override
  public void stop() {
    results.put("gc_count", gcCount() - gcCount0);
    results.put("gc_pause_ms", (double) (gcMillis() - gcMillis0));
    long jit = jitMillis();
    if (jit >= 0) results.put("jit_compile_ms", (double) (jit - jitMillis0));
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    results.put("heap_used_mb", heap.getUsed() / 1048576.0);
    if (heap.getMax() > 0) results.put("heap_max_mb", heap.getMax() / 1048576.0);
  }

  @Override
  public Map<String, Object> results() {
    return results;
  }

  private static long gcCount() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) n += Math.max(0, gc.getCollectionCount());
    return n;
  }

  private static long gcMillis() {
    long t = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) t += Math.max(0, gc.getCollectionTime());
    return t;
  }

  private static long jitMillis() {
    CompilationMXBean c = ManagementFactory.getCompilationMXBean();
    return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : -1;
  }
}
