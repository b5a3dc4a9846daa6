/**
 * Writing a sweep's result files against {@link io.defines.results.ResultSchema}: points.csv and
 * pareto.csv rows, details.jsonl lines, manifest.json, and the JSON of one schedule's result
 * ({@link io.defines.explorer.results.ResultJson}, also printed by {@code evaluate --format json}).
 * The writers take cells and columns; building them from design points is the sweep's job.
 */
package io.defines.explorer.results;
