package org.inferbench.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Results as CSV (RFC 4180: CRLF line ends, quotes only where needed, a header row): one flat row per
 * configuration, one column per parameter and per statistic, for spreadsheets and pandas.
 *
 * <p>Columns, in this order (the order of the record's fields; keys of maps sorted within their place):
 * schema_version, config_key, env_fingerprint, run_id, timestamp, status, reason; the workload fields by name
 * ({@code model_options.<key>}, engine settings as {@code engine.<key>}); the environment as {@code env.<field>}
 * (its CPU flags and engine settings are left to the JSONL: the former are long, the latter repeat
 * {@code engine.<key>}); per metric present in any record, in {@link Metric} order, {@code <metric>_unit} and
 * {@code <metric>_<stat>} (count, mean, std, cv, min, max, p50, p90, p95, p99, mean_ci_low, mean_ci_high,
 * p50_ci_low, p50_ci_high); the trackers as {@code tracker.<field>}; flags and notes joined by "; ". Raw samples
 * and each request's tokens stay in the JSONL. Numbers are printed by {@link Double#toString(double)} (shortest
 * exact form), so output is the same on every run; absent values are empty cells.
 */
public final class CsvExport {
  private static final Set<String> SKIPPED = Set.of("samples", "request_tokens", "environment.engine_settings",
      "environment.cpu_flags");
  private static final String METRICS = "metrics";

  private CsvExport() {}

  public static void write(List<ResultRecord> records, Writer out) throws IOException {
    Table table = tabulate(records);
    CsvSchema.Builder schema = CsvSchema.builder();
    for (String c : table.columns) schema.addColumn(c);
    CsvMapper mapper = CsvMapper.builder()
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING) // quote only the cells that need it
        .build();
    CsvSchema csv = schema.build().withLineSeparator("\r\n");
    if (table.rows.isEmpty()) {
      // Jackson writes the header with the first row; an empty export still names its columns
      try (SequenceWriter w = mapper.writer(csv.withoutHeader()).writeValues(out)) {
        w.write(table.columns.toArray(new String[0]));
      }
    } else {
      try (SequenceWriter w = mapper.writer(csv.withHeader()).writeValues(out)) {
        for (String[] row : table.rows) w.write(row);
      }
    }
    out.flush();
  }

  /** The header of {@link #write} for these records. */
  public static List<String> columns(List<ResultRecord> records) {
    return tabulate(records).columns;
  }

  private record Table(List<String> columns, List<String[]> rows) {}

  private static Table tabulate(List<ResultRecord> records) {
    Map<String, String> order = new HashMap<>(); // column -> sort key
    List<Map<String, String>> cells = new ArrayList<>();
    flatten(ResultRecord.class, null, "", "", "", order, new HashMap<>()); // every fixed column, even if empty
    for (ResultRecord r : records) {
      Map<String, String> row = new HashMap<>();
      flatten(ResultRecord.class, r, "", "", "", order, row);
      cells.add(row);
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    order.forEach((column, key) -> sorted.put(key, column));
    List<String> columns = List.copyOf(sorted.values());
    List<String[]> rows = new ArrayList<>();
    for (Map<String, String> row : cells) {
      String[] values = new String[columns.size()];
      // absent values are empty cells (Jackson would drop a null array element, shifting the row)
      for (int i = 0; i < values.length; i++) values[i] = row.getOrDefault(columns.get(i), "");
      rows.add(values);
    }
    return new Table(columns, rows);
  }

  /**
   * Adds the columns of one record value (null: only its fixed columns) to {@code order} and its cells to
   * {@code row}. {@code path} names the field in the record tree, {@code prefix} the column, {@code sort} orders
   * the columns.
   */
  private static void flatten(Class<?> type, Object value, String path, String prefix, String sort,
      Map<String, String> order, Map<String, String> row) {
    RecordComponent[] components = type.getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      String field = path + ResultSchema.jsonName(c.getName());
      if (SKIPPED.contains(field)) continue;
      String name = ResultSchema.jsonName(c.getName());
      String key = sort + String.format("%02d", i);
      Object v = value == null ? null : component(value, c);
      if (field.equals(METRICS)) {
        metrics(v, key, order, row);
      } else if (c.getType().isRecord()) {
        flatten(c.getType(), v, field + ".", columnPrefix(field, prefix + name + "."), key + ".", order, row);
      } else if (Map.class.isAssignableFrom(c.getType())) {
        String mapPrefix = field.equals("workload.engine_settings") ? "engine." : prefix + name + ".";
        if (v != null) {
          ((Map<?, ?>) v).forEach((k, x) -> put(mapPrefix + k, key + "/" + k, text(x), order, row));
        }
      } else {
        put(prefix + name, key, text(v), order, row);
      }
    }
  }

  private static String columnPrefix(String field, String fallback) {
    return switch (field) {
      case "workload" -> "";
      case "environment" -> "env.";
      case "trackers" -> "tracker.";
      default -> fallback;
    };
  }

  private static void metrics(Object v, String sort, Map<String, String> order, Map<String, String> row) {
    if (v == null) return;
    RecordComponent[] stats = MetricStats.class.getRecordComponents();
    ((Map<?, ?>) v).forEach((k, s) -> {
      String metric = (String) k;
      String key = sort + "/" + metricOrder(metric);
      for (int i = 0; i < stats.length; i++) {
        String stat = ResultSchema.jsonName(stats[i].getName());
        put(metric + "_" + stat, key + String.format("%02d", i), s == null ? null : text(component(s, stats[i])),
            order, row);
      }
    });
  }

  /** Known metrics in enum order, then others alphabetically. */
  private static String metricOrder(String metric) {
    for (Metric m : Metric.values()) {
      if (m.key().equals(metric)) return String.format("0%03d", m.ordinal());
    }
    return "1" + metric + "/";
  }

  private static void put(String column, String sortKey, String value, Map<String, String> order,
      Map<String, String> row) {
    order.putIfAbsent(column, sortKey);
    if (value != null) row.put(column, value);
  }

  private static Object component(Object record, RecordComponent c) {
    try {
      return c.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("csv export: cannot read " + c.getName() + ": " + e.getMessage(), e);
    }
  }

  private static String text(Object v) {
    if (v == null) return null;
    if (v instanceof String s) return s;
    if (v instanceof Double || v instanceof Float || v instanceof Number || v instanceof Boolean) return v.toString();
    if (v instanceof Status s) return s.label();
    if (v instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      for (Object o : list) parts.add(text(o));
      return String.join("; ", parts);
    }
    try {
      return Json.mapper().writeValueAsString(v);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("csv export: cannot print " + v.getClass().getSimpleName(), e);
    }
  }
}
