package org.inferbench.engine;

import java.util.List;
import java.util.Objects;

/**
 * One setting an engine declares: the only way engine settings enter a run ({@code --engine-opt key=value}).
 *
 * @param key the name used on the command line, in YAML and in results
 * @param description one line for {@code --help} and error messages
 * @param defaultValue the value in force when the user gives none (recorded in every result)
 * @param type how a value is checked
 * @param allowed for {@link Type#CHOICE}, the accepted values
 * @param role what the setting means to the harness ({@link SettingRole#NONE} for most)
 */
public record SettingSpec(String key, String description, String defaultValue, Type type, List<String> allowed,
    SettingRole role) {
  public enum Type { INT, NON_NEGATIVE_NUMBER, BOOLEAN, CHOICE, TEXT }

  public SettingSpec {
    Objects.requireNonNull(key);
    allowed = List.copyOf(allowed);
    Objects.requireNonNull(role, "role");
    if (role == SettingRole.KV_CACHE && !(allowed.contains("on") && allowed.contains("off"))) {
      throw new IllegalArgumentException(key + ": a kv-cache setting takes on|off");
    }
  }

  /** The same setting with a role the harness reads it by. */
  public SettingSpec withRole(SettingRole r) {
    return new SettingSpec(key, description, defaultValue, type, allowed, r);
  }

  public static SettingSpec integer(String key, String description, String defaultValue) {
    return new SettingSpec(key, description, defaultValue, Type.INT, List.of(), SettingRole.NONE);
  }

  public static SettingSpec number(String key, String description, String defaultValue) {
    return new SettingSpec(key, description, defaultValue, Type.NON_NEGATIVE_NUMBER, List.of(), SettingRole.NONE);
  }

  public static SettingSpec bool(String key, String description, String defaultValue) {
    return new SettingSpec(key, description, defaultValue, Type.BOOLEAN, List.of("true", "false"), SettingRole.NONE);
  }

  public static SettingSpec choice(String key, String description, String defaultValue, String... allowed) {
    return new SettingSpec(key, description, defaultValue, Type.CHOICE, List.of(allowed), SettingRole.NONE);
  }

  /** Returns the value in canonical form, or throws with a message naming the key and what was expected. */
  public String check(String value) {
    String v = value.trim();
    switch (type) {
      case INT -> {
        try {
          int n = Integer.parseInt(v);
          if (n < 0) throw new NumberFormatException();
          return Integer.toString(n);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(key + ": expected a non-negative integer, got '" + value + "'");
        }
      }
      case NON_NEGATIVE_NUMBER -> {
        try {
          double d = Double.parseDouble(v);
          if (!(d >= 0) || Double.isInfinite(d)) throw new NumberFormatException();
          return v;
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(key + ": expected a non-negative number, got '" + value + "'");
        }
      }
      case BOOLEAN -> {
        String b = v.toLowerCase();
        if (b.equals("true") || b.equals("on") || b.equals("yes")) return "true";
        if (b.equals("false") || b.equals("off") || b.equals("no")) return "false";
        throw new IllegalArgumentException(key + ": expected true or false, got '" + value + "'");
      }
      case CHOICE -> {
        String c = v.toLowerCase();
        // YAML 1.1 reads an unquoted on/off as a boolean: take it back for on|off choices
        if (allowed.contains("on") && allowed.contains("off")) {
          if (c.equals("true")) c = "on";
          if (c.equals("false")) c = "off";
        }
        if (allowed.contains(c)) return c;
        throw new IllegalArgumentException(key + ": expected one of " + String.join("|", allowed) + ", got '" + value + "'");
      }
      default -> {
        return v;
      }
    }
  }
}
