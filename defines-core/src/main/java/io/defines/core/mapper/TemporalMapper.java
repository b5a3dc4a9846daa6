package io.defines.core.mapper;

import io.defines.core.cost.LayerCostModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A single-layer mapper: searches the temporal mapping of one layer (tile) and costs the winner. The
 * command line ({@code --mapper NAME}) and exploration files ({@code mapper: NAME}) choose one from
 * {@link #registry()} by name; a new mapper is one more entry there.
 */
public interface TemporalMapper extends LayerCostModel {

    /** The name files and the command line use. */
    String name();

    /** The name of the mapper used when none is chosen: {@code loma}, so that DeFiNES' numbers stay. */
    String DEFAULT = "loma";

    /** The mappers by name, in the order help texts list them. */
    static Map<String, Supplier<TemporalMapper>> registry() {
        Map<String, Supplier<TemporalMapper>> r = new LinkedHashMap<>();
        r.put("loma", LomaMapper::new);
        r.put("exact", ExactMapper::new);
        return r;
    }

    /** The mapper called {@code name}, if there is one. */
    static Optional<TemporalMapper> byName(String name) {
        Supplier<TemporalMapper> s = registry().get(name);
        return s == null ? Optional.empty() : Optional.of(s.get());
    }

    /** The names of the mappers. */
    static List<String> names() {
        return List.copyOf(registry().keySet());
    }
}
