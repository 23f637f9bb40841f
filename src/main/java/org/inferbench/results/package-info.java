/**
 * The result record (one schema for every writer and reader; older schemas read and upgraded), the statistics
 * summary each metric gets, its JSONL store, CSV export, JSON Schema and the keys that identify a configuration and
 * a machine. Record fields absent from a result are null; methods that may return null say so.
 */
package org.inferbench.results;
