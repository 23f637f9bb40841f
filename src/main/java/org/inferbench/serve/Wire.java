package org.inferbench.serve;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The server's one JSON mapper (thread-safe once built): requests are read and chunks written as trees. */
final class Wire {
  static final ObjectMapper JSON = new ObjectMapper();

  private Wire() {}
}
