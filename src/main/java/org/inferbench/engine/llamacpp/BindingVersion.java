package org.inferbench.engine.llamacpp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

/**
 * Which de.kherud:llama is on the class path and which llama.cpp it carries, without loading any native code (the
 * parent process reports versions too). The build of a binding version is fixed by the binding's CMakeLists.txt
 * (GIT_TAG) and was checked in the library itself (its LLAMA_BUILD_NUMBER and LLAMA_COMMIT); each loaded model
 * also records what the native library logs about itself ("llama-build").
 */
final class BindingVersion {
  /** Both 4.1.0 and 4.2.0 carry llama.cpp b4916 (c6af2161); 4.2.0 fixes the --pooling/--rope-scaling flags. */
  private static final Map<String, String> LLAMA_BUILDS = Map.of("4.1.0", "b4916 (c6af2161)", "4.2.0",
      "b4916 (c6af2161)");

  private BindingVersion() {}

  static String binding() {
    try (InputStream in = BindingVersion.class.getClassLoader()
        .getResourceAsStream("META-INF/maven/de.kherud/llama/pom.properties")) {
      if (in == null) return "unknown";
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** "de.kherud:llama 4.2.0, llama.cpp b4916 (c6af2161)". */
  static String describe() {
    String v = binding();
    return "de.kherud:llama " + v + ", llama.cpp " + LLAMA_BUILDS.getOrDefault(v, "build unknown (see llama-build)");
  }
}
