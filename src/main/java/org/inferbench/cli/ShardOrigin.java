package org.inferbench.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import org.inferbench.core.BadInputException;
import org.inferbench.results.ResultRecord;

/** Where a sharded record came from: its shard, the grid that was split and the estimates it was split with. */
record ShardOrigin(String count, String grid, String estimates) {
  /** The origin a record states in environment.extra, or null for a record of an unsharded run (or an older one). */
  static ShardOrigin of(ResultRecord r) {
    Map<String, String> extra = r.environment() == null ? null : r.environment().extra();
    if (extra == null || extra.get("shard_grid") == null) return null;
    String shard = extra.getOrDefault("shard", "");
    return new ShardOrigin(shard.substring(shard.indexOf('/') + 1), extra.get("shard_grid"),
        extra.get("shard_estimates"));
  }

  @Override
  public String toString() {
    return "grid " + grid + " in " + count + " shards with estimates " + estimates;
  }

  /** The records of one merge: all their shards must come from one split. */
  static final class Check {
    private ShardOrigin first;
    private Path firstFile;
    private final TreeSet<String> seen = new TreeSet<>();

    void add(Path file, ResultRecord r) throws BadInputException {
      ShardOrigin o = of(r);
      if (o == null) return;
      if (first == null) {
        first = o;
        firstFile = file;
      } else if (!first.equals(o)) {
        throw new BadInputException(file + ": a shard of " + o + ", but " + firstFile + " holds one of " + first
            + "; expected the shards of one split (same grid, shard count and --estimates)");
      }
      seen.add(r.environment().extra().get("shard"));
    }

    /** ", shards 0/3 1/3 of grid …", or nothing when no record came from a shard. */
    String summary() {
      return first == null ? "" : ", shards " + String.join(" ", seen) + " of grid " + first.grid();
    }
  }
}
