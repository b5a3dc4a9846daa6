package io.defines.core.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AccessCostTest {

    private static Port port(PortType type, long min, long max) {
        return new Port("p", type, min, max, List.of());
    }

    private static Memory memory(double readPj, double writePj, Port... ports) {
        return new Memory("m", 0, 1024, readPj, writePj, 0, 1, List.of(MemoryOperand.O), List.of(ports), List.of(), false);
    }

    @Test
    void words_roundUpToGranulesChargedAsFractionsOfTheFullWidth() {
        // 24 bits through 16-bit granules of a 64-bit port: 2 granules, each a quarter word
        assertThat(AccessCost.words(24, 16, 64)).isEqualTo(0.5);
        assertThat(AccessCost.words(64, 16, 64)).isEqualTo(1.0);
        assertThat(AccessCost.words(1, 8, 8)).isEqualTo(1.0);
        assertThat(AccessCost.words(0, 8, 8)).isZero();
        assertThat(AccessCost.words(24L, port(PortType.READ, 16, 64))).isEqualTo(0.5);
    }

    @Test
    void portEnergy_chargesTheWordsAtTheMemorysReadOrWriteCost() {
        Port p = port(PortType.READ_WRITE, 16, 64);
        Memory m = memory(2.0, 3.0, p);
        assertThat(AccessCost.readEnergyPj(24, p, m)).isEqualTo(1.0);
        assertThat(AccessCost.writeEnergyPj(24, p, m)).isEqualTo(1.5);
        assertThat(AccessCost.accessBits(24, p)).isEqualTo(32.0);
        assertThat(AccessCost.cycles(65, p)).isEqualTo(2);
    }

    @Test
    void memorySides_useTheWidestReadingAndWritingPorts() {
        Memory m = memory(1, 1, port(PortType.READ, 8, 32), port(PortType.READ, 16, 128), port(PortType.WRITE, 4, 64));
        assertThat(AccessCost.granularityBits(m, false)).isEqualTo(16.0);
        assertThat(AccessCost.widthBits(m, false)).isEqualTo(128.0);
        assertThat(AccessCost.granularityBits(m, true)).isEqualTo(4.0);
        assertThat(AccessCost.widthBits(m, true)).isEqualTo(64.0);
    }

    @Test
    void levelEnergy_groupsReadsAndWritesAsDefinesSumsThem() {
        assertThat(AccessCost.levelEnergyPj(2, 3, 1, 10, 100, 1000)).isEqualTo((2.0 * 1 + 2.0 * 10) + (3.0 * 100 + 3.0 * 1000));
    }

    /** The expressions each call site wrote before they shared this function; the doubles must not change. */
    @Test
    void words_isBitIdenticalToTheInlineFormulasItReplaced() {
        Random r = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            long bits = 1 + (r.nextLong() >>> (1 + r.nextInt(50)));
            long min = 1L << r.nextInt(10);
            long max = min << r.nextInt(4);
            long count = 1 + r.nextInt(1_000_000);
            long units = 1 + r.nextInt(1024);
            double cost = r.nextDouble() * 50;
            double epc = bits / (1.0 + r.nextInt(7));
            int prec = 1 + r.nextInt(24);
            double dMin = min;
            double dMax = max;
            Port p = port(PortType.READ_WRITE, min, max);
            // the data copies
            double copy = Math.ceil((double) bits / min) * ((double) min / max) * cost;
            assertThat(AccessCost.words(bits, p) * cost).isEqualTo(copy);
            // the layer model's high side and low side
            double high = Math.ceil(((double) bits * prec) / dMin) * (dMin / dMax) * count * units;
            assertThat(AccessCost.words((double) bits * prec, dMin, dMax) * count * units).isEqualTo(high);
            double low = Math.ceil((epc * prec) / dMin) * (dMin / dMax) * count * 3.0 * units;
            assertThat(AccessCost.words(epc * prec, dMin, dMax) * count * 3.0 * units).isEqualTo(low);
            // the access-volume analytics
            assertThat(AccessCost.accessBits(bits, p)).isEqualTo((double) ((bits + min - 1) / min) * min);
        }
    }
}
