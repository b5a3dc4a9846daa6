package io.defines.core.mapper;

import io.defines.core.cost.LayerCostModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A single-layer mapper: searches the temporal mapping of one layer (tile) and costs the winner. The
 * command line ({@code --mapper NAME}) and exploration and schedule files ({@code mapper: NAME}) choose
 * one from {@link #registry()} by name, with an optional whole-number parameter after a colon
 * ({@code exact:1000000}: the exact mapper's budget); a new mapper is one more entry there.
 */
public interface TemporalMapper extends LayerCostModel {

    /** The name files and the command line use, with its parameter when it is not the default ({@code exact:1000000}). */
    String name();

    /** The name of the mapper used when none is chosen: {@code loma}, so that DeFiNES' numbers stay. */
    String DEFAULT = "loma";

    /** The mappers by name, in the order help texts list them: each made from its parameter (null: the default). */
    static Map<String, Function<Long, TemporalMapper>> registry() {
        Map<String, Function<Long, TemporalMapper>> r = new LinkedHashMap<>();
        r.put("loma", param -> param == null ? new LomaMapper() : null);
        r.put("exact", param -> param == null ? new ExactMapper() : param >= 1 ? new ExactMapper(param) : null);
        return r;
    }

    /** The mapper {@code spec} names ({@code NAME} or {@code NAME:N}), if there is one and it takes that parameter. */
    static Optional<TemporalMapper> byName(String spec) {
        int colon = spec.indexOf(':');
        Function<Long, TemporalMapper> make = registry().get(colon < 0 ? spec : spec.substring(0, colon));
        if (make == null) {
            return Optional.empty();
        }
        Long param = null;
        if (colon >= 0) {
            try {
                param = Long.parseLong(spec.substring(colon + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(make.apply(param));
    }

    /** The names of the mappers. */
    static List<String> names() {
        return List.copyOf(registry().keySet());
    }
}
