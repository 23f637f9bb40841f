package org.inferbench.results;

import java.util.List;
import java.util.Map;

/** The machine and software a result was measured on; the fingerprint hashes the hardware fields only. */
public record EnvironmentRecord(
    String cpuModel,
    int cores,
    List<String> cpuFlags,
    long memoryMb,
    String os,
    String kernel,
    String jvm,
    String toolVersion,
    String gitCommit,
    String engine,
    String engineVersion,
    Map<String, String> engineSettings,
    String cpuGovernor,
    Map<String, String> extra) {}
