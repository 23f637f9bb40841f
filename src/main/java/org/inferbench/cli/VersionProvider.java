package org.inferbench.cli;

import org.inferbench.measure.ToolVersion;
import picocli.CommandLine;

/** Prints the tool version and the git commit it was built from. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"inferbench " + ToolVersion.version() + " (" + ToolVersion.gitCommit() + ")"};
  }
}
