/**
 * The result files of a sweep folder (docs/explorations.md): {@link io.defines.results.ResultSchema}
 * names their columns, keys and manifest fields; {@link io.defines.results.ResultFolder} reads a
 * folder; {@link io.defines.results.ParetoFront} is the Pareto filter of pareto.csv and the charts.
 * Depends on Jackson only, never on the model (defines-core).
 */
package io.defines.results;
