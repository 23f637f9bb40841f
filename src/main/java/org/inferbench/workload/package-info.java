/**
 * What the user asked for: flags and YAML merged into a workload, expanded into a grid of configurations, and
 * the prompts they run on. Optional fields of a workload (runs when adaptive, target CI when fixed, prompt text
 * or file) are null when absent.
 */
package org.inferbench.workload;
