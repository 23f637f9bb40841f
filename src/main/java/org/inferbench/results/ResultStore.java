package org.inferbench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A results file: JSON Lines, one {@link ResultRecord} per line, appended the moment a configuration finishes.
 *
 * <p>Durability: each record is one write of one whole line, forced to disk before {@link #append} returns, so
 * a crash or SIGKILL loses at most the configuration in flight. A line cut short by a crash is found when the
 * file is next opened (or appended to), moved to a side file {@code <file>.partial-<UTC time>} and cut off, so
 * the next record starts on a clean line. Several processes (the children of a sweep) may append to one file:
 * every append and repair holds an exclusive {@link FileLock}.
 */
public final class ResultStore implements Closeable {
  private static final DateTimeFormatter SIDE_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  /** FileLocks guard against other processes; inside one JVM two channels must not lock at once. */
  private static final ConcurrentHashMap<Path, Object> MONITORS = new ConcurrentHashMap<>();

  private final Path file;
  private final FileChannel channel;
  private final Object monitor;
  private final List<String> warnings = new ArrayList<>();

  private ResultStore(Path file, FileChannel channel, Path realPath) {
    this.file = file;
    this.channel = channel;
    this.monitor = MONITORS.computeIfAbsent(realPath, p -> new Object());
  }

  /**
   * Opens (creating it and its directories if needed) a results file for appending, repairing an unterminated
   * last line.
   *
   * @throws IOException with a one-line message naming the file if it cannot be created or written
   */
  public static ResultStore open(Path file) throws IOException {
    createParents(file);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
    } catch (IOException | SecurityException e) {
      throw new IOException("results file " + file + ": cannot open for writing (" + reason(e) + ")", e);
    }
    ResultStore store;
    try {
      // the real path, so two names (links) of one file share one in-process monitor
      store = new ResultStore(file, channel, file.toRealPath());
      store.locked(store::repairTail);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return store;
  }

  /**
   * Fails early, before anything is measured, if results could not be written to {@code file}. Leaves no file
   * behind where there was none (directories it had to create stay).
   */
  public static void checkWritable(Path file) throws IOException {
    createParents(file);
    if (Files.isDirectory(file)) throw new IOException("results file " + file + ": is a directory");
    boolean existed = Files.exists(file);
    try (FileChannel ignored = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      // opening for write is the check
    } catch (IOException | SecurityException e) {
      throw new IOException("results file " + file + ": cannot write (" + reason(e) + ")", e);
    }
    if (!existed) Files.deleteIfExists(file);
  }

  public Path file() {
    return file;
  }

  /** What opening or appending had to repair (a set-aside partial line), for the caller to show. */
  public List<String> warnings() {
    synchronized (warnings) {
      return List.copyOf(warnings);
    }
  }

  /**
   * Appends one record as one line and forces it to disk. The record is checked against the schema first, so
   * nothing the reader would reject is ever written.
   *
   * @throws IllegalArgumentException if the record breaks the schema (names the field)
   * @throws IOException naming the file if the write fails
   */
  public void append(ResultRecord r) throws IOException {
    if (r == null) throw new IllegalArgumentException("result record: expected a record, got null");
    if (r.schemaVersion() != ResultRecord.SCHEMA_VERSION) {
      throw new IllegalArgumentException("result record schema_version: expected " + ResultRecord.SCHEMA_VERSION
          + ", got " + r.schemaVersion());
    }
    ResultSchema.validate(Json.mapper().valueToTree(r));
    byte[] line = (Json.mapper().writeValueAsString(r) + "\n").getBytes(StandardCharsets.UTF_8);
    locked(() -> {
      repairTail(); // another process may have died mid-line since we last looked
      ByteBuffer buf = ByteBuffer.wrap(line);
      long at = channel.size();
      try {
        while (buf.hasRemaining()) at += channel.write(buf, at);
        channel.force(true);
      } catch (IOException e) {
        throw new IOException("results file " + file + ": write failed (" + reason(e) + ")", e);
      }
    });
  }

  /** Closes the file; every appended record is already on disk. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("results file " + file + ": close failed (" + reason(e) + ")", e);
    }
  }

  // ---- reading

  /**
   * Reads every line of a results file. Good lines load even when others are corrupt; those are reported with
   * their line numbers. Blank lines are skipped.
   *
   * @throws IOException with a one-line message naming the file if it is missing or unreadable
   */
  public static LoadedResults read(Path file) throws IOException {
    List<ResultRecord> records = new ArrayList<>();
    List<LineError> errors = new ArrayList<>();
    readInto(file, records, errors);
    return new LoadedResults(records, errors);
  }

  /** Reads several files, records in the order given then file order. */
  public static LoadedResults read(List<Path> files) throws IOException {
    List<ResultRecord> records = new ArrayList<>();
    List<LineError> errors = new ArrayList<>();
    for (Path f : files) readInto(f, records, errors);
    return new LoadedResults(records, errors);
  }

  /** The config_keys with an ok record in {@code file} (none if it does not exist yet): what --resume skips. */
  public static java.util.Set<String> okConfigKeys(Path file) throws IOException {
    return readIfExists(file).okConfigKeys();
  }

  /** Like {@link #read(Path)}, but a missing file reads as empty (a first run with {@code --resume}). */
  public static LoadedResults readIfExists(Path file) throws IOException {
    return Files.exists(file) ? read(file) : LoadedResults.empty();
  }

  /**
   * Parses one line into a record.
   *
   * @throws IllegalArgumentException with a one-line message saying what is wrong with it
   */
  public static ResultRecord parseLine(String line) {
    JsonNode node;
    try {
      // trailing tokens would mean two records glued together: reject rather than drop the second
      node = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON (" + firstLine(e.getOriginalMessage()) + ")");
    }
    if (node == null || !node.isObject()) throw new IllegalArgumentException("not a JSON object");
    JsonNode version = node.get("schema_version");
    if (version == null || !version.isIntegralNumber()) {
      throw new IllegalArgumentException("schema_version: required integer, missing");
    }
    int v = version.asInt();
    if (v != ResultRecord.SCHEMA_VERSION && !ResultRecord.READ_AS_IS.contains(v) && v != SchemaV1.VERSION) {
      throw new IllegalArgumentException("schema_version " + version.asText() + " is not supported: this InferBench"
          + " reads versions " + SchemaV1.VERSION + " to " + ResultRecord.SCHEMA_VERSION
          + " (use the InferBench release that wrote it)");
    }
    ResultSchema.validate(node);
    ResultRecord r;
    try {
      r = Json.mapper().treeToValue(node, ResultRecord.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(firstLine(e.getOriginalMessage()));
    }
    try {
      Instant.parse(r.timestamp());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("timestamp: expected an ISO-8601 UTC instant, got '" + r.timestamp() + "'");
    }
    if (r.schemaVersion() == SchemaV1.VERSION) return SchemaV1.upgrade(r);
    return ResultRecord.READ_AS_IS.contains(r.schemaVersion()) ? r.withSchemaVersion(ResultRecord.SCHEMA_VERSION) : r;
  }

  private static void readInto(Path file, List<ResultRecord> records, List<LineError> errors) throws IOException {
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) continue;
        try {
          records.add(parseLine(line));
        } catch (IllegalArgumentException e) {
          errors.add(new LineError(file, number, e.getMessage()));
        }
      }
    } catch (NoSuchFileException e) {
      throw new IOException("results file " + file + ": not found", e);
    } catch (IOException e) {
      throw new IOException("results file " + file + ": cannot read (" + reason(e) + ")", e);
    }
  }

  // ---- repair

  /**
   * If the file does not end with a newline, its last line is unterminated. A complete, valid record (e.g. a
   * hand edit without a final newline) just gets its newline; anything else is the remains of a crash: copied
   * to a side file, forced, then cut off.
   */
  private void repairTail() throws IOException {
    try {
      setAsideTail();
    } catch (IOException e) {
      throw new IOException("results file " + file + ": cannot check or repair its last line ("
          + reason(e) + ")", e);
    }
  }

  private void setAsideTail() throws IOException {
    long size = channel.size();
    if (size == 0 || byteAt(size - 1) == '\n') return;
    long start = lastNewlineBefore(size) + 1;
    ByteBuffer tail = ByteBuffer.allocate(Math.toIntExact(size - start));
    while (tail.hasRemaining()) {
      if (channel.read(tail, start + tail.position()) < 0) break;
    }
    byte[] bytes = tail.array();
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (isValidRecord(text)) {
      channel.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
      channel.force(true);
      warn(file + ": last line had no newline; added one");
      return;
    }
    Path side = sideFile();
    Files.write(side, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    channel.truncate(start);
    channel.force(true);
    warn(file + ": unterminated last line (" + bytes.length + " bytes, an interrupted write) moved to " + side);
  }

  private static boolean isValidRecord(String text) {
    try {
      parseLine(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private Path sideFile() {
    String base = file.getFileName() + ".partial-" + SIDE_STAMP.format(Instant.now());
    Path side = file.resolveSibling(base);
    for (int i = 1; Files.exists(side); i++) side = file.resolveSibling(base + "-" + i);
    return side;
  }

  private byte byteAt(long position) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(1);
    channel.read(b, position);
    return b.get(0);
  }

  /** Position of the last '\n' before {@code end}, or -1; scans backwards in blocks. */
  private long lastNewlineBefore(long end) throws IOException {
    ByteBuffer block = ByteBuffer.allocate(8192);
    long pos = end;
    while (pos > 0) {
      int n = (int) Math.min(block.capacity(), pos);
      pos -= n;
      block.clear().limit(n);
      while (block.hasRemaining()) {
        if (channel.read(block, pos + block.position()) < 0) break;
      }
      for (int i = n - 1; i >= 0; i--) {
        if (block.get(i) == '\n') return pos + i;
      }
    }
    return -1;
  }

  private void warn(String message) {
    synchronized (warnings) {
      warnings.add(message);
    }
  }

  // ---- locking and helpers

  private interface IoAction {
    void run() throws IOException;
  }

  private void locked(IoAction action) throws IOException {
    synchronized (monitor) {
      try (FileLock ignored = channel.lock()) {
        action.run();
      }
    }
  }

  private static void createParents(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null) return;
    try {
      Files.createDirectories(parent);
    } catch (IOException | SecurityException e) {
      throw new IOException("results file " + file + ": cannot create directory " + parent + " (" + reason(e) + ")",
          e);
    }
  }

  private static String reason(Exception e) {
    String name = e.getClass().getSimpleName();
    String msg = e.getMessage();
    if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
    if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) return fse.getReason();
    return firstLine(msg == null ? name : msg);
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
