/**
 * Paper figures drawn from result files only (points.csv, manifest.json, per-point detail); this
 * module never calls the model. Empty until the explorer writes result files (issue 6).
 */
package io.defines.plot;
