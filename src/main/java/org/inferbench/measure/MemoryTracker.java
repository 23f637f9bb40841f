package org.inferbench.measure;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Peak resident memory over the measured requests. Prefers the kernel's own high-water mark (VmHWM, reset
 * through clear_refs), which sees every allocation however short; falls back to sampling VmRSS every 2 ms,
 * which can miss short peaks (the result says which method was used).
 */
public final class MemoryTracker implements Tracker {
  private String method;
  private volatile long sampledPeakKb;
  private volatile boolean sampling;
  private Thread sampler;
  private long peakKb = -1;

  @Override
  public void start() {
    if (ProcStatus.resetPeak() && ProcStatus.kb("VmHWM") > 0) {
      method = "vmhwm";
      return;
    }
    method = "sampled-vmrss";
    sampledPeakKb = ProcStatus.kb("VmRSS");
    sampling = true;
    sampler = Thread.ofPlatform().daemon().name("inferbench-rss-sampler").start(() -> {
      while (sampling) {
        long rss = ProcStatus.kb("VmRSS");
        if (rss > sampledPeakKb) sampledPeakKb = rss;
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
  }

  @Override
  public void stop() {
    if ("vmhwm".equals(method)) {
      peakKb = ProcStatus.kb("VmHWM");
    } else {
      sampling = false;
      if (sampler != null) {
        try {
          sampler.join(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      peakKb = Math.max(sampledPeakKb, ProcStatus.kb("VmRSS"));
    }
  }

  @Override
  public Map<String, Object> results() {
    Map<String, Object> r = new LinkedHashMap<>();
    if (peakKb > 0) {
      r.put("peak_rss_mb", peakKb / 1024.0);
      r.put("memory_method", method);
    }
    return r;
  }
}
