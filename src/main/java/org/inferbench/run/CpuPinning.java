package org.inferbench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.inferbench.core.BadInputException;
import org.inferbench.measure.ProcStatus;

/**
 * {@code --pin-cpus}: workers start under {@code taskset -c LIST}, so the kernel keeps them, and every thread
 * they start, on those CPUs. The list is checked against the CPUs this process may use before anything runs.
 */
public final class CpuPinning {
  private CpuPinning() {}

  /** The CPUs of a taskset-style list ("0,2-3"); a one-line error naming the flag otherwise. */
  public static TreeSet<Integer> parse(String list) throws BadInputException {
    TreeSet<Integer> cpus = new TreeSet<>();
    try {
      for (String part : list.split(",")) {
        String p = part.trim();
        int dash = p.indexOf('-');
        int lo = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
        int hi = dash < 0 ? lo : Integer.parseInt(p.substring(dash + 1).trim());
        if (lo < 0 || hi < lo) throw new NumberFormatException();
        for (int c = lo; c <= hi; c++) cpus.add(c);
      }
    } catch (NumberFormatException e) {
      throw new BadInputException("--pin-cpus: expected a CPU list such as 0 or 0,2-3, got '" + list + "'");
    }
    return cpus;
  }

  /** Checks the list against the CPUs this process may run on and that taskset is there. */
  public static void check(String list) throws BadInputException {
    TreeSet<Integer> cpus = parse(list);
    TreeSet<Integer> allowed = allowed();
    if (allowed != null && !allowed.containsAll(cpus)) {
      throw new BadInputException("--pin-cpus " + list + ": CPUs " + without(cpus, allowed)
          + " are not available to this process (allowed: " + allowedText() + ")");
    }
    if (findTaskset() == null) {
      throw new BadInputException("--pin-cpus: needs taskset (Debian package util-linux), not found on the PATH");
    }
  }

  /** How many CPUs the list names: the thread count engines default to when pinned. */
  public static int count(String list) {
    try {
      return parse(list).size();
    } catch (BadInputException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The command prefix that starts a process pinned to the list. */
  static List<String> prefix(String list) {
    String taskset = findTaskset();
    if (taskset == null) throw new IllegalStateException("--pin-cpus: taskset not found on the PATH");
    return List.of(taskset, "-c", list);
  }

  /** Pins every thread of this JVM (--isolate none), which then keeps the pinning for its life. */
  public static void pinSelf(String list) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(findTaskset(), "-a", "-p", "-c", list, Long.toString(ProcessHandle.current().pid()))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (p.waitFor() != 0) throw new IOException("--pin-cpus " + list + ": taskset failed (exit " + p.exitValue() + ")");
  }

  private static String findTaskset() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path p = Path.of(dir, "taskset");
      if (Files.isExecutable(p)) return p.toString();
    }
    return null;
  }

  /** Cpus_allowed_list of this process, or null where it cannot be read (not Linux). */
  private static TreeSet<Integer> allowed() {
    String text = allowedText();
    if (text == null) return null;
    try {
      return parse(text);
    } catch (BadInputException e) {
      return null;
    }
  }

  private static String allowedText() {
    return ProcStatus.text("Cpus_allowed_list");
  }

  private static String without(TreeSet<Integer> a, TreeSet<Integer> b) {
    TreeSet<Integer> d = new TreeSet<>(a);
    d.removeAll(b);
    return d.toString().replaceAll("[\\[\\] ]", "");
  }
}
