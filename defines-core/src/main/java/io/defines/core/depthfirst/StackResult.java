package io.defines.core.depthfirst;

import io.defines.core.schedule.StackSettings;
import java.util.List;

/** One evaluated stack: its layer ids in topological order and the tile size and overlap strategies it ran with. */
public record StackResult(List<Integer> layerIds, StackSettings settings) {
}
