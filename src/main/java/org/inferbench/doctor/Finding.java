package org.inferbench.doctor;

/**
 * One thing the doctor looked at.
 *
 * @param check what was looked at ("CPU governor")
 * @param state what it found, or "not visible here" where the machine (a container, a VM) hides it
 * @param verdict whether it will move the numbers
 * @param advice what to do about it; empty when nothing
 */
public record Finding(String check, String state, Verdict verdict, String advice) {
  public static final String NOT_VISIBLE = "not visible here";

  public enum Verdict {
    OK,
    WARN,
    NOT_VISIBLE;

    public String label() {
      return switch (this) {
        case OK -> "ok";
        case WARN -> "warn";
        case NOT_VISIBLE -> "?";
      };
    }
  }

  static Finding ok(String check, String state) {
    return new Finding(check, state, Verdict.OK, "");
  }

  static Finding warn(String check, String state, String advice) {
    return new Finding(check, state, Verdict.WARN, advice);
  }

  static Finding hidden(String check, String why) {
    return new Finding(check, NOT_VISIBLE, Verdict.NOT_VISIBLE, why);
  }
}
