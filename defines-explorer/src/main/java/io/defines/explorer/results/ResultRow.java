package io.defines.explorer.results;

import java.io.Serializable;
import java.util.List;

/**
 * One evaluated point as its files hold it: its points.csv cells and its details.jsonl line (without
 * the newline; empty when details are off). Serializable: distributed runners ship rows to the driver.
 */
public record ResultRow(int index, List<String> cells, String detailsLine) implements Serializable {
    private static final long serialVersionUID = 1L;
}
