/**
 * The picocli commands: parsing flags and files into a workload, wiring the pipeline, printing tables. No
 * measuring logic lives here. Option fields are null when a flag was not given.
 */
package org.inferbench.cli;
