package org.inferbench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Lines between the tool and a worker process. Worker replies start with a marker so that anything a native
 * library prints on standard output is told apart and ignored.
 */
final class WorkerProtocol {
  static final String MARKER = "@@inferbench-worker@@ ";
  static final ObjectMapper JSON = JsonMapper.builder().build();

  private WorkerProtocol() {}

  static String reply(Object body) throws Exception {
    return MARKER + JSON.writeValueAsString(body);
  }

  static JsonNode parseReply(String line) throws Exception {
    return JSON.readTree(line.substring(MARKER.length()));
  }
}
