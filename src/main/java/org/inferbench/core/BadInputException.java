package org.inferbench.core;

/** Input the tool cannot use; its message is the one line the user sees (exit code 2). */
public class BadInputException extends Exception {
  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A cause's message on one line, for the part in brackets after the file a message names. */
  public static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replaceAll("\\s+", " ").trim();
  }
}
