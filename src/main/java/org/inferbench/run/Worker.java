package org.inferbench.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.core.BadInputException;
import org.inferbench.results.Json;
import org.inferbench.workload.Configuration;

/**
 * The body of a worker process: configurations in a fresh JVM, driven line by line over standard input, each
 * command naming its configuration by id. Several configurations of one loaded model may share a worker (the
 * model is then loaded once). It exits when its input closes, so a killed parent never leaves it running.
 */
public final class Worker {
  private Worker() {}

  public static void main(String[] args) {
    try {
      serve();
    } catch (Throwable e) {
      System.err.println("worker: " + Failures.oneLine(e));
    } finally {
      // a native library's non-daemon threads (llama.cpp's) must never keep a worker alive
      System.exit(0);
    }
  }

  private static void serve() throws Exception {
    PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err); // anything else printed must not look like a reply
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Map<Integer, ConfigurationSession> sessions = new HashMap<>();
    LastLoadedModel slot = new LastLoadedModel();
    String line;
    while ((line = in.readLine()) != null) {
      JsonNode cmd = WorkerProtocol.JSON.readTree(line);
      Map<String, Object> reply = new LinkedHashMap<>();
      int id = cmd.path("id").asInt();
      try {
        switch (cmd.path("op").asText()) {
          case "open" -> {
            Configuration c = Json.mapper().treeToValue(cmd.get("configuration"), Configuration.class);
            Plan plan = new Planner().plan(c);
            if (!plan.runnable()) throw new BadInputException(plan.notApplicable());
            int sharedBy = cmd.path("shared_by").asInt(1);
            ConfigurationSession session = new LocalSession(plan, slot, SharedModel.memoryNote(sharedBy),
                cmd.path("fork").asInt(0));
            sessions.put(id, session);
            ConfigurationSession.Opened o = session.open();
            reply.put("engine_version", o.engineVersion());
            reply.put("effective_settings", o.effectiveSettings());
            reply.put("facts", o.facts());
          }
          case "warmup" -> sessions.get(id).warmup(cmd.path("n").asInt());
          case "measure" -> {
            List<MeasuredRequest> r = sessions.get(id).measure(cmd.path("n").asInt());
            reply.put("requests", r);
          }
          case "finish" -> reply.put("trackers", sessions.remove(id).finish());
          default -> throw new IllegalArgumentException("unknown op " + cmd.path("op").asText());
        }
        reply.put("ok", true);
      } catch (Throwable e) {
        reply.put("ok", false);
        reply.put("error", Failures.oneLine(e));
      }
      protocol.println(WorkerProtocol.reply(reply));
    }
    slot.close();
  }
}
