/**
 * Paper figures drawn from result files only (points.csv, manifest.json, details.jsonl), read
 * through defines-results; this module never calls the model and does not depend on defines-core.
 */
package io.defines.plot;
