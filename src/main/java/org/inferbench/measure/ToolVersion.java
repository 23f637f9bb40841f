package org.inferbench.measure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The tool's version (from the build) and the git commit of the working tree it runs from, when known. */
public final class ToolVersion {
  private static final String VERSION = load();
  private static volatile String commit;

  private ToolVersion() {}

  public static String version() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = ToolVersion.class.getResourceAsStream("/org/inferbench/version.properties")) {
      Properties p = new Properties();
      if (in != null) p.load(in);
      String v = p.getProperty("version", "dev");
      return v.startsWith("${") ? "dev" : v;
    } catch (IOException e) {
      return "dev";
    }
  }

  /** Reads .git/HEAD directly (no git process): cheap and works where git is not installed. */
  public static String gitCommit() {
    String c = commit;
    if (c == null) {
      c = readCommit();
      commit = c;
    }
    return c;
  }

  private static String readCommit() {
    try {
      Path dir = Path.of("").toAbsolutePath();
      while (dir != null && !Files.exists(dir.resolve(".git"))) dir = dir.getParent();
      if (dir == null) return "unknown";
      Path git = dir.resolve(".git");
      if (Files.isRegularFile(git)) {
        // a worktree or submodule: ".git" is a file naming the real git directory
        String pointer = Files.readString(git).trim();
        if (!pointer.startsWith("gitdir: ")) return "unknown";
        git = dir.resolve(pointer.substring(8)).normalize();
      }
      String head = Files.readString(git.resolve("HEAD")).trim();
      if (!head.startsWith("ref: ")) return head;
      String ref = head.substring(5);
      // branch refs live in the shared directory of a worktree ("commondir"), else in the git directory itself
      Path common = Files.exists(git.resolve("commondir"))
          ? git.resolve(Files.readString(git.resolve("commondir")).trim()).normalize() : git;
      for (Path base : new Path[] {git, common}) {
        Path refFile = base.resolve(ref);
        if (Files.exists(refFile)) return Files.readString(refFile).trim();
        Path packed = base.resolve("packed-refs");
        if (Files.exists(packed)) {
          for (String line : Files.readAllLines(packed)) {
            if (line.endsWith(" " + ref)) return line.substring(0, line.indexOf(' '));
          }
        }
      }
      return "unknown";
    } catch (IOException e) {
      return "unknown";
    }
  }

}
