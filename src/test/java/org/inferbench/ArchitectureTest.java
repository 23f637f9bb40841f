package org.inferbench;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.inferbench.engine.Engine;
import org.inferbench.engine.SettingSpec;
import org.inferbench.registry.EngineRegistry;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.WorkloadRecord;
import org.junit.jupiter.api.Test;

/**
 * The core stays engine-neutral: packages depend on each other one way (no cycles), and no code outside an engine's
 * own package names one of that engine's settings — generic code asks for a setting's role instead.
 */
final class ArchitectureTest {
  private static final Path SOURCES = Path.of("src", "main", "java", "org", "inferbench");
  private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

  /**
   * Files allowed to name engine settings outside the engines, and why: schema-1 records carry no roles, so
   * reading them maps the names the only two engines of that time used.
   */
  private static final Set<String> HISTORY = Set.of("results/SchemaV1.java");

  @Test
  void packagesHaveNoCycles() {
    JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.inferbench");
    // a top-level folder is one slice with all its sub-packages (engine with engine.onnx, model with model.gguf), so
    // a folder cannot lean on another that leans back on it through any sub-package; the vocabulary every folder
    // shares (tensor types, model facts and shapes, bad input) lives in core, which depends on none of them; the
    // facade in org.inferbench sits on top
    slices().matching("org.inferbench.(*)..").should().beFreeOfCycles().check(classes);
    // and within a folder, its packages one way too
    slices().matching("org.inferbench.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void theCoreVocabularyDependsOnNoOtherFolder() {
    JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.inferbench.core");
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().that().resideInAPackage("org.inferbench.core..")
        .should().dependOnClassesThat().resideOutsideOfPackages("org.inferbench.core..", "java..")
        .check(classes);
  }

  @Test
  void noPackageOutsideAnEngineNamesItsSettings() throws IOException {
    Map<String, Set<String>> keysByEnginePackage = new TreeMap<>();
    // an engine's own words: its keys and the values its choices allow (onnx's execution-mode=parallel is not
    // llamacpp's parallel slots)
    Map<String, Set<String>> wordsByEnginePackage = new TreeMap<>();
    for (Engine e : EngineRegistry.all()) {
      Set<String> keys = new HashSet<>();
      Set<String> words = new HashSet<>();
      for (SettingSpec s : e.settings()) {
        keys.add(s.key());
        words.add(s.key());
        if (s.allowed() != null) words.addAll(s.allowed());
      }
      keys.removeAll(harnessWords());
      keysByEnginePackage.put(packagePath(e), keys);
      wordsByEnginePackage.put(packagePath(e), words);
    }
    assertThat(keysByEnginePackage).as("engines found").hasSizeGreaterThanOrEqualTo(2);
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String rel = SOURCES.relativize(f).toString().replace('\\', '/');
        if (HISTORY.contains(rel)) continue;
        String text = withoutComments(Files.readString(f));
        for (Map.Entry<String, Set<String>> engine : keysByEnginePackage.entrySet()) {
          Set<String> own = ownKeys(rel, wordsByEnginePackage);
          Matcher m = STRING_LITERAL.matcher(text);
          while (m.find()) {
            String literal = m.group(1);
            if (engine.getValue().contains(literal) && !own.contains(literal)) {
              violations.add(rel + " names \"" + literal + "\", a setting of " + engine.getKey());
            }
          }
        }
      }
    }
    assertThat(violations).as("engine settings named outside their engine (ask for a SettingRole instead)")
        .isEmpty();
  }

  @Test
  void theSettingCheckWouldCatchAViolation() {
    String code = withoutComments("class X { String k = \"kv-cache\"; // \"threads\"\n }");
    Matcher m = STRING_LITERAL.matcher(code);
    List<String> found = new ArrayList<>();
    while (m.find()) found.add(m.group(1));
    assertThat(found).containsExactly("kv-cache");
  }

  /** The keys an engine package may name: its own engine's. */
  private static Set<String> ownKeys(String rel, Map<String, Set<String>> keysByEnginePackage) {
    for (Map.Entry<String, Set<String>> e : keysByEnginePackage.entrySet()) {
      if (rel.startsWith(e.getKey() + "/")) return e.getValue();
    }
    return Set.of();
  }

  /** e.g. "engine/onnx" for org.inferbench.engine.onnx.OnnxEngine. */
  private static String packagePath(Engine e) {
    return e.getClass().getPackageName().substring("org.inferbench.".length()).replace('.', '/');
  }

  /**
   * The harness's own vocabulary: names of the result record's fields (an engine may call a setting "shape" or
   * "dtype" too, but the harness's record field of that name is not the engine's setting).
   */
  private static Set<String> harnessWords() {
    Set<String> words = new HashSet<>();
    for (Class<?> c : List.of(ResultRecord.class, WorkloadRecord.class)) {
      for (RecordComponent rc : c.getRecordComponents()) words.add(rc.getName());
    }
    return words;
  }

  private static String withoutComments(String java) {
    // line comments that are not inside a string, and block comments
    return java.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^((?:[^\"\\n]|\"(?:[^\"\\\\\\n]|\\\\.)*\")*?)//.*$",
        "$1");
  }
}
