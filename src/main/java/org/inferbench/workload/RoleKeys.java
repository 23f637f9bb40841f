package org.inferbench.workload;

import org.inferbench.engine.SettingRole;

/**
 * Engine settings named by role rather than by key ({@code @threads}, {@code @kv_cache}): what generic flags such
 * as {@code --threads} and commands such as compare-kv ask for, whatever each engine calls the setting.
 */
public final class RoleKeys {
  public static final String PREFIX = "@";

  private RoleKeys() {}

  /** The key that stands for the role until the grid knows the engine. */
  public static String of(SettingRole role) {
    return PREFIX + role.key();
  }

  /** The role a key stands for, or null for an engine's own key. */
  public static SettingRole role(String key) {
    if (!key.startsWith(PREFIX)) return null;
    try {
      return SettingRole.byKey(key.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
