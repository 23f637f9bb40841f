package org.inferbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.inferbench.stats.fit.ScalingFit;

/** The machine-readable outputs: tables/ID.csv (RFC 4180) per table and summary.json of every table. */
final class TableFiles {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TableFiles() {}

  /** Writes DIR/tables/ID.csv for each table; returns the files written. */
  static List<Path> writeCsv(Path dir, List<ReportTable> tables) throws IOException {
    Path tdir = Files.createDirectories(dir.resolve("tables"));
    List<Path> files = new ArrayList<>();
    for (ReportTable t : tables) {
      StringBuilder sb = new StringBuilder();
      sb.append(String.join(",", t.headers().stream().map(TableFiles::csv).toList())).append("\r\n");
      for (List<Cell> r : t.rows()) {
        sb.append(String.join(",", r.stream().map(c -> csv(plain(c))).toList())).append("\r\n");
      }
      Path f = tdir.resolve(t.id() + ".csv");
      Files.writeString(f, sb);
      files.add(f);
    }
    return files;
  }

  /** A number as its full-precision value, unless its text carries more (an interval), then the text. */
  private static String plain(Cell c) {
    if (c.value() == null) return c.text().equals("—") ? "" : c.text();
    if (c.text().equals(Fmt.num(c.value()))) {
      double v = c.value();
      return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
    return c.text();
  }

  private static String csv(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  static Path writeJson(Path dir, ReportModel model) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("generated", Instant.now().toString());
    if (model.question() == null) root.putNull("question");
    else root.put("question", model.question());
    ObjectNode findings = root.putObject("findings");
    model.findings().scaling().forEach(findings.putArray("scaling")::add);
    model.findings().ab().forEach(findings.putArray("ab")::add);
    root.put("records", model.recordCount());
    root.put("configurations", model.set().current().size());
    ArrayNode machines = root.putArray("machines");
    model.set().machines().forEach(machines::add);
    ArrayNode warnings = root.putArray("warnings");
    model.warnings().forEach(warnings::add);
    ArrayNode tables = root.putArray("tables");
    for (ReportTable t : model.tables()) {
      ObjectNode tn = tables.addObject();
      tn.put("id", t.id());
      tn.put("title", t.title());
      ArrayNode cols = tn.putArray("columns");
      t.headers().forEach(cols::add);
      ArrayNode rows = tn.putArray("rows");
      for (List<Cell> r : t.rows()) {
        ObjectNode rn = rows.addObject();
        for (int i = 0; i < r.size(); i++) {
          Cell c = r.get(i);
          String h = t.headers().get(i);
          if (c.value() != null) {
            rn.put(h, c.value());
            if (!c.text().equals(Fmt.num(c.value()))) rn.put(h + " (text)", c.text());
          } else if (c.text().isEmpty() || c.text().equals("—")) {
            rn.putNull(h);
          } else {
            rn.put(h, c.text());
          }
        }
      }
      ArrayNode notes = tn.putArray("notes");
      t.notes().forEach(notes::add);
    }
    ArrayNode scaling = root.putArray("scaling");
    for (ScalingAnalysis.Series s : model.scaling()) {
      ObjectNode sn = scaling.addObject();
      sn.put("machine", s.machine());
      sn.put("model", s.model());
      sn.put("series", s.label());
      sn.put("metric", s.metric().key());
      ArrayNode pts = sn.putArray("points");
      for (ConfigResult c : s.points()) {
        ObjectNode p = pts.addObject();
        p.put("prompt", c.workload().prompt());
        putNum(p, "mean_ms", c.mean(s.metric()));
        putNum(p, "cv", c.cv(s.metric()));
      }
      if (s.fit() == null) {
        sn.put("problem", s.problem());
        continue;
      }
      ScalingFit f = s.fit();
      ObjectNode fn = sn.putObject("fit");
      fn.put("degree", f.degree());
      putNum(fn, "intercept", f.intercept());
      putNum(fn, "linear", f.linear());
      putNum(fn, "quadratic", f.quadratic());
      putNum(fn, "r_squared", f.rSquared());
      putNum(sn, "scaling_factor", f.scalingFactor());
      ArrayNode ex = sn.putArray("extrapolations");
      for (int k : new int[] {2, 4}) {
        var p = f.predict(k * f.longest(), 0.95);
        ObjectNode en = ex.addObject();
        en.put("prompt", (long) p.x());
        putNum(en, "value_ms", p.value());
        putNum(en, "pi95_low_ms", p.low());
        putNum(en, "pi95_high_ms", p.high());
      }
      ArrayNode w = sn.putArray("warnings");
      f.warnings().forEach(w::add);
    }
    ArrayNode plots = root.putArray("plots");
    model.plots().forEach(p -> plots.add(p.id()));
    Path file = dir.resolve("summary.json");
    JSON.writeValue(file.toFile(), root);
    return file;
  }

  private static void putNum(ObjectNode n, String key, double v) {
    if (Double.isFinite(v)) n.put(key, v);
    else n.putNull(key);
  }
}
