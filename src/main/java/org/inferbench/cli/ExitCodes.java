package org.inferbench.cli;

/** The tool's exit codes. */
public final class ExitCodes {
  public static final int OK = 0;
  /** A check failed (a regression). */
  public static final int CHECK_FAILED = 1;
  /** Bad input, found before anything was measured. */
  public static final int BAD_INPUT = 2;
  /** The run finished but some configurations failed at run time. */
  public static final int SOME_FAILED = 3;

  private ExitCodes() {}
}
