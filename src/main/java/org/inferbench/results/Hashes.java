package org.inferbench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Short stable hashes of canonical field lists (the config_key and the environment fingerprint). */
final class Hashes {
  static final int HEX_CHARS = 16;

  private Hashes() {}

  /**
   * SHA-256 of the fields as one JSON object with sorted keys (maps inside sorted too), cut to 16 hex chars
   * (64 bits: collisions are negligible for any realistic number of configurations).
   */
  static String of(Map<String, Object> fields) {
    try {
      String canonical = Json.mapper().writeValueAsString(new TreeMap<>(fields));
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HEX_CHARS);
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException("cannot hash " + fields.keySet() + ": " + e.getMessage(), e);
    }
  }

  static Map<String, String> sorted(Map<String, String> m) {
    return m == null ? Map.of() : new TreeMap<>(m);
  }
}
