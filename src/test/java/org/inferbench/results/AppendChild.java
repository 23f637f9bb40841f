package org.inferbench.results;

import java.nio.file.Path;

/** A child process for ResultStoreProcessesTest: appends N seeded records to a file. */
final class AppendChild {
  private AppendChild() {}

  public static void main(String[] args) throws Exception {
    ResultRecord r = Fixtures.seeded().get(Integer.parseInt(args[2]));
    try (ResultStore store = ResultStore.open(Path.of(args[0]))) {
      for (int i = 0; i < Integer.parseInt(args[1]); i++) store.append(r);
    }
  }
}
