package org.inferbench.measure.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nvidia-smi reader against a stand-in executable that prints fixture CSV: energy counter deltas, power
 * integration, and reasons when no GPU answers.
 */
final class NvidiaSmiMeterTest {
  @TempDir Path dir;

  /** A shell script answering every query with the current content of reading.csv. */
  private Path fakeSmi() throws Exception {
    Path script = dir.resolve("nvidia-smi");
    Files.writeString(script, "#!/bin/sh\ncat \"" + dir.resolve("reading.csv") + "\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private void reading(String csv) throws Exception {
    Files.writeString(dir.resolve("reading.csv"), csv);
  }

  @Test
  void totalEnergyCounterDifferenceIsUsedWhenReported() throws Exception {
    Path smi = fakeSmi();
    reading("0, 120.5, 1000000\n1, 80.0, 500000\n");
    NvidiaSmiMeter meter = new NvidiaSmiMeter(smi.toString(), Duration.ofMillis(10));
    assertThat(meter.unavailableReason()).isNull();
    assertThat(meter.method()).isEqualTo("total_energy_consumption");
    meter.start();
    reading("0, 130.0, 1002500\n1, 81.0, 501000\n");
    meter.stop();
    EnergyReading r = meter.result().orElseThrow();
    assertThat(r.joulesByDomain()).containsEntry("gpu0", 2.5).containsEntry("gpu1", 1.0);
    assertThat(r.joules()).isCloseTo(3.5, within(1e-9));
    assertThat(r.verified()).isFalse();
  }

  @Test
  void constantPowerIsIntegratedWhenNoCounter() throws Exception {
    Path smi = fakeSmi();
    reading("0, 100.0, [N/A]\n");
    NvidiaSmiMeter meter = new NvidiaSmiMeter(smi.toString(), Duration.ofMillis(20));
    assertThat(meter.method()).isEqualTo("power.draw");
    meter.start();
    Thread.sleep(100);
    meter.stop();
    EnergyReading r = meter.result().orElseThrow();
    // a constant 100 W integrates to 100 W × the elapsed time, however many samples fell in between
    assertThat(r.averageWatts()).isCloseTo(100.0, within(1e-6));
    assertThat(r.source()).isEqualTo("nvidia-smi power.draw");
  }

  @Test
  void missingExecutableAndUnsupportedFieldsAreExplained() throws Exception {
    NvidiaSmiMeter absent = new NvidiaSmiMeter(dir.resolve("no-such-smi").toString(), Duration.ofMillis(10));
    assertThat(absent.unavailableReason()).isEqualTo("no NVIDIA GPU: " + dir.resolve("no-such-smi")
        + " not found or not executable");
    Path smi = fakeSmi();
    reading("0, [Not Supported], [N/A]\n");
    assertThat(new NvidiaSmiMeter(smi.toString(), Duration.ofMillis(10)).unavailableReason())
        .isEqualTo("no NVIDIA GPU energy: nvidia-smi reports neither power.draw nor total_energy_consumption");
  }

  @Test
  void malformedLinesNameWhatWasExpected() {
    assertThatThrownBy(() -> NvidiaSmiMeter.parse("0, 12\n"))
        .hasMessage("nvidia-smi: expected 3 fields (index, power.draw, total_energy_consumption), got '0, 12'");
    assertThatThrownBy(() -> NvidiaSmiMeter.parse("0, abc, 1\n"))
        .hasMessage("nvidia-smi: expected a number or [N/A], got 'abc'");
  }

  @Test
  void combinedMeterExplainsEveryAbsentCounter() {
    EnergyMeters none = new EnergyMeters(List.of(new RaplMeter(dir.resolve("powercap"), Duration.ZERO),
        new NvidiaSmiMeter(dir.resolve("absent").toString(), Duration.ofMillis(10))));
    assertThat(none.available()).isFalse();
    assertThat(none.unavailableReason()).startsWith("no RAPL access: ").contains("; no NVIDIA GPU: ");
    none.start();
    none.stop();
    assertThat(none.result()).isEmpty();
  }
}
