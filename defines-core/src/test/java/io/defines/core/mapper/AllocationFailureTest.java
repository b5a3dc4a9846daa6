package io.defines.core.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every reason an allocation failure gives states a true relation between its numbers. */
class AllocationFailureTest {

    private static final Pattern GREATER = Pattern.compile("(\\d+) bits > (\\d+)");

    @Test
    void aStatedInequalityIsAlwaysTrue() {
        for (boolean top : new boolean[] {true, false}) {
            for (long[] dc : new long[][] {{600, 512}, {522_240, 524_288}, {512, 512}}) {
                String reason = new AllocationFailure("sram", "O", dc[0], dc[1], top).reason();
                Matcher m = GREATER.matcher(reason);
                if (m.find()) {
                    assertThat(Long.parseLong(m.group(1))).as(reason).isGreaterThan(Long.parseLong(m.group(2)));
                } else {
                    assertThat(dc[0]).as(reason).isLessThanOrEqualTo(dc[1]);
                    assertThat(reason).contains("beside the other operands").contains(dc[0] + " bits of " + dc[1]);
                }
            }
        }
    }
}
