package org.inferbench.cli;

import java.util.concurrent.Callable;
import org.inferbench.engine.Engine;
import org.inferbench.engine.SettingRole;
import org.inferbench.engine.SettingSpec;
import org.inferbench.registry.EngineRegistry;
import org.inferbench.report.table.BoxTable;
import picocli.CommandLine.Command;

/** {@code inferbench engines}: every registered engine, what it is, and the settings it takes. */
@Command(name = "engines", mixinStandardHelpOptions = true,
    description = "List the engines and their settings (--engine-opt KEY=VALUE; a role says what generic flags set it).")
final class EnginesCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    for (Engine e : EngineRegistry.all()) {
      BoxTable t = new BoxTable("setting", "default", "values", "role", "what it does");
      for (SettingSpec s : e.settings()) {
        t.row(s.key(), s.defaultValue() == null ? "" : s.defaultValue(), values(s),
            s.role() == SettingRole.NONE ? "" : s.role().key(), s.description());
      }
      System.out.println(e.name() + ": " + e.description());
      System.out.print(t.render());
      System.out.println();
    }
    return ExitCodes.OK;
  }

  private static String values(SettingSpec s) {
    return switch (s.type()) {
      case CHOICE, BOOLEAN -> String.join("|", s.allowed());
      case INT -> "integer >= 0";
      case NON_NEGATIVE_NUMBER -> "number >= 0";
      case TEXT -> "text";
    };
  }
}
