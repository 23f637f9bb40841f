package org.inferbench.engine;

/** Input the tool cannot use; its message is the one line the user sees (exit code 2). */
public class BadInputException extends Exception {
  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
