package org.inferbench.measure.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RAPL package counters on fixture powercap trees: deltas summed over packages, wraps undone, absence explained. */
final class RaplMeterTest {
  private static final long RANGE = 262_143_328_850L;

  @TempDir Path root;

  private Path zone(String dir, String name, long energyUj) throws Exception {
    Path z = Files.createDirectories(root.resolve(dir));
    Files.writeString(z.resolve("name"), name + "\n");
    Files.writeString(z.resolve("max_energy_range_uj"), RANGE + "\n");
    Files.writeString(z.resolve("energy_uj"), energyUj + "\n");
    return z;
  }

  private static void set(Path zone, long energyUj) throws Exception {
    Files.writeString(zone.resolve("energy_uj"), energyUj + "\n");
  }

  @Test
  void sumsPackageZonesAndIgnoresSubZones() throws Exception {
    Path p0 = zone("intel-rapl:0", "package-0", 1_000_000);
    Path p1 = zone("intel-rapl:1", "package-1", 5_000_000);
    Path core = zone("intel-rapl:0:0", "core", 0);
    RaplMeter meter = new RaplMeter(root, Duration.ZERO);
    assertThat(meter.unavailableReason()).isNull();
    meter.start();
    set(p0, 3_500_000);
    set(p1, 6_000_000);
    set(core, 9_000_000);
    meter.stop();
    EnergyReading r = meter.result().orElseThrow();
    assertThat(r.joules()).isCloseTo(3.5, within(1e-9));
    assertThat(r.joulesByDomain()).containsEntry("package-0", 2.5).containsEntry("package-1", 1.0);
    assertThat(r.source()).isEqualTo("rapl");
  }

  @Test
  void wrapAroundIsUndoneWithTheRange() throws Exception {
    Path p0 = zone("intel-rapl:0", "package-0", RANGE - 328_850);
    RaplMeter meter = new RaplMeter(root, Duration.ZERO);
    meter.start();
    set(p0, 1_000_000); // wrapped past the range: 328,850 µJ before the wrap, 1,000,000 after
    meter.stop();
    assertThat(meter.result().orElseThrow().joules()).isCloseTo(1.32885, within(1e-9));
  }

  @Test
  void pollingCatchesMoreThanOneWrap() throws Exception {
    Path p0 = zone("intel-rapl:0", "package-0", 100_000_000_000L);
    RaplMeter meter = new RaplMeter(root, Duration.ZERO);
    meter.start();
    set(p0, 250_000_000_000L);
    meter.poll();
    set(p0, 50_000_000_000L); // wrapped once
    meter.poll();
    set(p0, 240_000_000_000L);
    meter.poll();
    set(p0, 10_000_000_000L); // wrapped again
    meter.stop();
    // 150,000 + (RANGE − 250,000,000,000 + 50,000,000,000) + 190,000 + (RANGE − 240,000,000,000 + 10,000,000,000) J·1e-6
    double expectedUj = 150_000_000_000L + (RANGE - 250_000_000_000L + 50_000_000_000L) + 190_000_000_000L
        + (RANGE - 240_000_000_000L + 10_000_000_000L);
    assertThat(meter.result().orElseThrow().joules()).isCloseTo(expectedUj / 1e6, within(1e-6));
  }

  @Test
  void missingTreeSaysThereIsNoRaplAccess() {
    RaplMeter meter = new RaplMeter(root.resolve("absent"), Duration.ZERO);
    assertThat(meter.available()).isFalse();
    assertThat(meter.unavailableReason()).startsWith("no RAPL access: ").endsWith("does not exist (no powercap "
        + "driver, or not Linux)");
    meter.start();
    meter.stop();
    assertThat(meter.result()).isEmpty();
  }

  @Test
  void emptyTreeAndUnreadableCounterAreExplained() throws Exception {
    assertThat(new RaplMeter(root, Duration.ZERO).unavailableReason())
        .isEqualTo("no RAPL access: no intel-rapl:N package zones under " + root);
    Path p0 = zone("intel-rapl:0", "package-0", 1);
    Files.setPosixFilePermissions(p0.resolve("energy_uj"), PosixFilePermissions.fromString("---------"));
    boolean rootUser = Files.isReadable(p0.resolve("energy_uj")); // root reads anything: nothing to test then
    if (!rootUser) {
      assertThat(new RaplMeter(root, Duration.ZERO).unavailableReason())
          .startsWith("no RAPL access: " + p0.resolve("energy_uj") + " is not readable");
    }
  }

  @Test
  void counterThatVanishesMidRunIsAFailureNotAZero() throws Exception {
    Path p0 = zone("intel-rapl:0", "package-0", 1);
    RaplMeter meter = new RaplMeter(root, Duration.ZERO);
    meter.start();
    Files.delete(p0.resolve("energy_uj"));
    meter.stop();
    assertThat(meter.result()).isEmpty();
    assertThat(meter.unavailableReason()).startsWith("RAPL read failed: ");
  }

  @Test
  void perRequestAndPerTokenDivideTheJoules() {
    EnergyReading r = new EnergyReading(12.0, 4.0, "rapl", true, java.util.Map.of());
    assertThat(r.averageWatts()).isEqualTo(3.0);
    assertThat(r.joulesPerRequest(6)).isEqualTo(2.0);
    assertThat(r.joulesPerToken(60)).isEqualTo(0.2);
  }
}
