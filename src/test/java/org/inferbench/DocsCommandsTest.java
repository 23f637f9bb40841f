package org.inferbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.inferbench.cli.InferBenchCommand;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command in README.md and docs/*.md works as printed, so the documentation cannot rot. A page's ```bash
 * blocks are found by themselves (pages added later are checked too); the comment before a block says how its
 * commands are checked, as docs/README.md explains: none — each is run as written and must exit 0; {@code
 * <!-- docs-test: dry-run -->} — run and sweep are run with --dry-run (the whole plan checked, nothing measured), the
 * others parsed; {@code <!-- docs-test: illustrative -->} — parsed only (minutes-long sweeps, servers, Slurm). Other
 * programs' commands (sbatch, scripts/…) must be illustrative, and the files they name must exist. Inline
 * {@code `./inferbench …`} spans in the text are parsed.
 */
final class DocsCommandsTest {
  private static final Pattern BLOCK = Pattern.compile("(?:<!-- docs-test: (\\w[\\w-]*) -->\\s*\\n)?```bash\\n(.*?)```",
      Pattern.DOTALL);
  private static final Pattern INLINE = Pattern.compile("`(\\./inferbench [^`]*)`");
  private static final Path ROOT = Path.of("").toAbsolutePath();

  @TempDir
  static Path work;

  @TestFactory
  Stream<DynamicTest> everyDocumentedCommandWorks() throws Exception {
    List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
    try (Stream<Path> docs = Files.list(Path.of("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    // a page's commands run in order in a directory of their own that sees the repository's configs and examples
    List<DynamicTest> tests = new ArrayList<>();
    for (Path page : pages) {
      String text = Files.readString(page);
      Path dir = Files.createDirectories(work.resolve(page.toString().replace(File.separatorChar, '_')));
      for (String d : new String[] {"configs", "examples", "scripts", "schema", "docs"}) {
        Files.createSymbolicLink(dir.resolve(d), ROOT.resolve(d));
      }
      Matcher m = BLOCK.matcher(text);
      while (m.find()) {
        String mode = m.group(1) == null ? "run" : m.group(1);
        assertThat(mode).as(page + ": marker").isIn("run", "dry-run", "illustrative");
        int line = text.substring(0, m.start()).split("\n", -1).length;
        for (String command : commands(m.group(2))) {
          tests.add(DynamicTest.dynamicTest(page + ":" + line + " [" + mode + "] " + command,
              () -> check(command, mode, dir)));
        }
      }
      Matcher inline = INLINE.matcher(text);
      while (inline.find()) {
        if (inline.group(1).contains("...") || inline.group(1).contains("…")) continue; // an abbreviation in prose
        for (String command : commands(inline.group(1))) {
          tests.add(DynamicTest.dynamicTest(page + " inline `" + command + "`",
              () -> check(command, "illustrative", dir)));
        }
      }
    }
    assertThat(tests).as("commands found in README.md and docs/").hasSizeGreaterThan(20);
    return tests.stream();
  }

  /** The block's commands: continuation lines joined, comments and redirections dropped, && split. */
  static List<String> commands(String block) {
    List<String> out = new ArrayList<>();
    for (String line : block.replace("\\\n", " ").split("\n")) {
      String s = stripComment(line).strip();
      if (s.isEmpty()) continue;
      for (String part : s.split("&&")) {
        String c = part.strip().replaceAll("\\s+&$", "").replaceAll("\\s+>\\s*\\S+$", "").strip();
        if (!c.isEmpty()) out.add(c);
      }
    }
    return out;
  }

  private static String stripComment(String line) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '\'' && !dbl) single = !single;
      if (ch == '"' && !single) dbl = !dbl;
      if (ch == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  /** Words as a shell splits them (quotes removed); globs and variables are left as they are. */
  static List<String> words(String command) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean single = false;
    boolean dbl = false;
    boolean any = false;
    for (char ch : command.toCharArray()) {
      if (ch == '\'' && !dbl) {
        single = !single;
        any = true;
      } else if (ch == '"' && !single) {
        dbl = !dbl;
        any = true;
      } else if (Character.isWhitespace(ch) && !single && !dbl) {
        if (any || !w.isEmpty()) out.add(w.toString());
        w.setLength(0);
        any = false;
      } else {
        w.append(ch);
      }
    }
    if (any || !w.isEmpty()) out.add(w.toString());
    return out;
  }

  private static void check(String command, String mode, Path dir) throws Exception {
    List<String> words = words(command);
    if (!words.get(0).equals("./inferbench")) {
      assertThat(mode).as(command + ": only ./inferbench commands run in the test; mark the block illustrative")
          .isEqualTo("illustrative");
      for (String w : words) {
        if (w.matches("(\\./)?(configs|examples|scripts|schema|docs)/[^*]+") || w.equals("./run-tests")) {
          assertThat(ROOT.resolve(w)).as(command + ": names a file that is not in the repository").exists();
        }
      }
      return;
    }
    List<String> args = new ArrayList<>(words.subList(1, words.size()));
    parse(command, args);
    for (String w : args) {
      if (w.matches("(configs|examples|scripts)/[^*]+")) assertThat(ROOT.resolve(w)).as(command).exists();
    }
    boolean dryRunnable = !args.isEmpty() && (args.get(0).equals("run") || args.get(0).equals("sweep"));
    if (mode.equals("illustrative") || (mode.equals("dry-run") && !dryRunnable)) return;
    long t0 = System.nanoTime();
    Result r;
    if (mode.equals("dry-run")) {
      // a dry run writes nothing but models into the cache: in this JVM, from the repository, it is quick
      if (!args.contains("--dry-run")) args.add("--dry-run");
      r = inProcess(args);
    } else {
      r = run(args, dir);
    }
    System.out.printf(java.util.Locale.ROOT, "docs command %.1f s [%s] %s%n", (System.nanoTime() - t0) / 1e9, mode,
        command);
    assertThat(r.code()).as(command + " exits 0\n" + r.output()).isZero();
  }

  /** picocli's parse: every command, option and value as the program reads them. */
  private static void parse(String command, List<String> args) {
    CommandLine cl = new CommandLine(new InferBenchCommand());
    try {
      cl.parseArgs(args.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw new AssertionError(command + ": " + e.getMessage(), e);
    }
  }

  record Result(int code, String output) {}

  private static Result inProcess(List<String> args) {
    java.io.PrintStream oldOut = System.out;
    java.io.PrintStream oldErr = System.err;
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    try {
      java.io.PrintStream both = new java.io.PrintStream(buf, true, StandardCharsets.UTF_8);
      System.setOut(both);
      System.setErr(both);
      int code = InferBenchCommand.execute(args.toArray(String[]::new));
      return new Result(code, buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** The command in a JVM of its own, from the page's directory, as the launcher would run it. */
  private static Result run(List<String> args, Path dir) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "org.inferbench.cli.Main"));
    cmd.addAll(args);
    Path log = Files.createTempFile(dir, "cmd-", ".log");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", args) + ": still running after 120 s; mark it illustrative");
    }
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

}
