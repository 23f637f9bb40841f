package org.inferbench.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a configuration ended: measured, failed at run time, or not applicable to the model or engine. */
public enum Status {
  OK("ok"),
  FAILED("failed"),
  NOT_APPLICABLE("n/a");

  private final String label;

  Status(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }

  @JsonCreator
  public static Status of(String label) {
    for (Status s : values()) {
      if (s.label.equals(label)) return s;
    }
    throw new IllegalArgumentException("status: expected ok, failed or n/a, got '" + label + "'");
  }
}
