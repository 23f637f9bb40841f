package org.inferbench.engine.openai.launch;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.inferbench.core.BadInputException;

/**
 * A server command with placeholders: {@code {model}} (the configuration's model), {@code {port}} (picked by
 * InferBench when it starts the server; required, so two servers never race for one port) and {@code {NAME}} for
 * each setting {@code server.NAME} — an axis like any setting ({@code server.parallel=1,4,8} is three servers).
 * Checked when planned: a command without {@code {port}} or with a placeholder no setting fills is refused then.
 *
 * @param template the command as given
 * @param filled the command with every placeholder but {@code {port}} filled
 */
public record ServerCommand(String template, String filled) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.-]*)}");
  /** The setting whose values fill the placeholders: {@code server.NAME} fills {@code {NAME}}. */
  public static final String SETTING_PREFIX = "server.";

  /**
   * @param settings the configuration's engine settings (the {@code server.NAME} ones fill placeholders)
   * @throws BadInputException naming the placeholder or the missing {@code {port}}
   */
  public static ServerCommand of(String template, String model, Map<String, String> settings)
      throws BadInputException {
    String flag = "--engine-opt server-command=" + template;
    Set<String> names = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) names.add(m.group(1));
    if (!names.contains("port")) {
      throw new BadInputException(flag + ": no {port} placeholder (InferBench picks the port and the server must"
          + " listen on it, e.g. --port {port})");
    }
    StringBuilder out = new StringBuilder();
    m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      String name = m.group(1);
      String value = switch (name) {
        case "port" -> "{port}";
        case "model" -> model;
        default -> settings.get(SETTING_PREFIX + name);
      };
      if (value == null || name.isEmpty()) {
        throw new BadInputException(flag + ": placeholder {" + name + "} has no value (give --engine-opt "
            + SETTING_PREFIX + (name.isEmpty() ? "NAME" : name) + "=VALUE, or a list of values to sweep)");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return new ServerCommand(template, out.toString());
  }

  /** The command to run, listening on {@code port}. */
  public String at(int port) {
    return filled.replace("{port}", Integer.toString(port));
  }

  /** The program the command runs (its first word), to check it exists before anything is measured. */
  public String program() {
    String s = filled.strip();
    int space = s.indexOf(' ');
    return space < 0 ? s : s.substring(0, space);
  }
}
