package org.inferbench.run;

/** Turns a failure into the one line recorded as its reason. */
public final class Failures {
  private Failures() {}

  public static String oneLine(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException)) {
      t = t.getCause();
    }
    String msg = t.getMessage();
    if (msg == null || msg.isBlank()) msg = t.getClass().getSimpleName();
    else if (!(t instanceof org.inferbench.core.BadInputException) && !(t instanceof IllegalArgumentException)
        && !(t instanceof IllegalStateException)) {
      msg = t.getClass().getSimpleName() + ": " + msg;
    }
    return msg.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }
}
