package org.inferbench.engine.openai;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.openai.launch.ServerCommand;
import org.inferbench.engine.openai.launch.ServerProcess;

/** Starting a configuration's own server (see {@link ServerCommand}) and reaching it on this machine. */
final class ServerLaunch {
  private static final String HOST = "127.0.0.1";

  private ServerLaunch() {}

  /** Refuses, before anything is measured, a command whose program is neither a file nor on the PATH. */
  static void checkProgram(ServerCommand cmd) throws BadInputException {
    String program = cmd.program();
    if (program.contains("/")) {
      if (Files.isExecutable(Path.of(program))) return;
    } else {
      String path = System.getenv().getOrDefault("PATH", "");
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return;
      }
    }
    throw new BadInputException("--engine-opt server-command=" + cmd.template() + ": program '" + program
        + "' is not an executable file or on the PATH");
  }

  /**
   * Starts the server and waits until it serves; a server that exits or is not ready in time is stopped and fails
   * the configuration with its log's last lines (the run goes on to the next).
   */
  static ServerProcess start(ServerCommand cmd, String model, double readyS) throws Exception {
    ServerProcess p = ServerProcess.start(cmd);
    try {
      p.awaitReady(HOST, model, Duration.ofMillis(Math.round(readyS * 1000)));
      return p;
    } catch (Exception | Error e) {
      p.close();
      throw e;
    }
  }

  static URI endpoint(ServerProcess p) {
    return URI.create("http://" + HOST + ":" + p.port() + "/v1");
  }
}
