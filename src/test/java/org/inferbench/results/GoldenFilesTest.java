package org.inferbench.results;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine-readable formats (JSONL, CSV, JSON Schema) are byte-for-byte what the committed files hold. */
final class GoldenFilesTest {
  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

  @Test
  void jsonlOfSeededRecords(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("results.jsonl");
    try (ResultStore store = ResultStore.open(file)) {
      for (ResultRecord r : Fixtures.seeded()) store.append(r);
    }
    Golden.assertMatches(GOLDEN.resolve("result.jsonl"), Files.readString(file));
  }

  @Test
  void csvOfSeededRecords() throws Exception {
    StringWriter out = new StringWriter();
    CsvExport.write(Fixtures.seeded(), out);
    Golden.assertMatches(GOLDEN.resolve("results.csv"), out.toString());
  }

  @Test
  void committedSchemaIsTheGeneratedOne() throws Exception {
    Golden.assertMatches(ResultSchema.COMMITTED, ResultSchema.jsonSchemaText());
  }
}
