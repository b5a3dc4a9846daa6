package io.defines.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.DataDirection;
import io.defines.core.hardware.Memory;
import io.defines.core.hardware.MemoryOperand;
import io.defines.core.hardware.OffChipTransfers;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class AcceleratorReaderTest {

    static final String SMALL = """
            name: small
            memories:
              reg:
                size: 16
                r_cost: 0.02
                w_cost: 0.02
                area: 0
                latency: 1
                operands: [O]
                ports:
                  - {name: r_port_1, type: read, bandwidth_min: 16, bandwidth_max: 16, allocation: ["O, tl", "O, th"]}
                  - {name: w_port_1, type: write, bandwidth_min: 16, bandwidth_max: 16, allocation: ["O, fh", "O, fl"]}
                served_dimensions: [D2]
              top:
                size: 1048576
                r_cost: 10
                w_cost: 12
                area: 0
                latency: 1
                operands: [I1, I2, O]
                ports:
                  - name: rw_port_1
                    type: read_write
                    bandwidth_min: 64
                    bandwidth_max: 128
                    allocation: ["I1, tl", "I2, tl", "O, tl", "O, fl"]
                served_dimensions: [D1, D2]
            operational_array:
              unit_energy: 0.04
              unit_area: 1
              dimensions: [D1, D2]
              sizes: [16, 8]
            """;

    @Test
    void theTopOfAChainNeedsNoPortTowardsAHigherLevel() {
        Parsed<Accelerator> p = AcceleratorReader.read("a.yaml", new StringReader(SMALL));
        assertThat(p.diagnostics()).isEmpty();
        Accelerator a = p.value();
        assertThat(a.chain(MemoryOperand.O)).extracting(Memory::name).containsExactly("reg", "top");
        assertThat(a.chain(MemoryOperand.I1)).extracting(Memory::name).containsExactly("top");
        Memory reg = a.memory("reg").orElseThrow();
        assertThat(reg.instanceCount(a.array())).as("reg serves D2, so D1 is unrolled: 16 instances").isEqualTo(16);
        assertThat(a.memory("top").orElseThrow().instanceCount(a.array())).isEqualTo(1);
        assertThat(a.memory("top").orElseThrow().port(MemoryOperand.O, DataDirection.FROM_LOW).orElseThrow().bandwidthMaxBits()).isEqualTo(128);
    }

    @Test
    void aLevelBelowTheTopMustBeWritableFromAbove() {
        Parsed<Accelerator> p = AcceleratorReader.read("a.yaml", new StringReader(SMALL.replace("\"O, fh\", \"O, fl\"", "\"O, fl\"")));
        assertThat(p.errors()).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("no port carries O in direction fh");
            assertThat(d.hint()).contains("'O, fh'");
        });
    }

    @Test
    void allProblemsOfAFileAreReportedTogether() {
        String broken = SMALL.replace("size: 16\n", "size: 0\n")
                .replace("bandwidth_min: 64", "bandwidth_min: 256")
                .replace("served_dimensions: [D2]", "served_dimensions: [D9]")
                .replace("\"I1, tl\", \"I2, tl\"", "\"I1, tl\", \"I2, tl\", \"I3, tl\"");
        Parsed<Accelerator> p = AcceleratorReader.read("a.yaml", new StringReader(broken));
        assertThat(p.value()).isNull();
        assertThat(p.errors()).extracting(Diagnostic::message)
                .anySatisfy(m -> assertThat(m).contains("size must be positive and at most 4611686018427387904 (2^62) bits, found 0"))
                .anySatisfy(m -> assertThat(m).contains("bandwidth_min 256 is larger than bandwidth_max 128"))
                .anySatisfy(m -> assertThat(m).contains("served dimension 'D9'"))
                .anySatisfy(m -> assertThat(m).contains("unknown memory operand 'I3'"));
    }

    @Test
    void offChipTransfersAreReadFromTheOffChipMemoryWithDefaultsForWhatIsNotGiven() {
        Accelerator depfin = AcceleratorReader.read(RepoPaths.root().resolve("hardware/depfin.yaml")).orThrow();
        assertThat(depfin.offChipTransfers()).isEqualTo(new OffChipTransfers(
                OffChipTransfers.Link.SHARED, false, OffChipTransfers.Drain.STALL));
        Accelerator lib = AcceleratorReader.read(RepoPaths.root().resolve("hardware/meta-prototype-df.yaml")).orThrow();
        assertThat(lib.offChipTransfers()).isEqualTo(OffChipTransfers.DEFAULT);
        String withPrefetch = SMALL.replace("  top:\n", "  top:\n    transfers: {prefetch: true}\n");
        assertThat(withPrefetch).isNotEqualTo(SMALL);
        Accelerator a = AcceleratorReader.read("a.yaml", new StringReader(withPrefetch)).orThrow();
        assertThat(a.offChipTransfers()).isEqualTo(new OffChipTransfers(
                OffChipTransfers.Link.SEPARATE, true, OffChipTransfers.Drain.BACKGROUND));
        Parsed<Accelerator> bad = AcceleratorReader.read("a.yaml", new StringReader(SMALL.replace("  top:\n", "  top:\n    transfers: {link: bus}\n")));
        assertThat(bad.errors()).singleElement().satisfies(d -> assertThat(d.message()).contains("link must be separate or shared, found 'bus'"));
    }

    @Test
    void definesCostsAreReadAsExactDoubles() {
        Accelerator a = AcceleratorReader.read(RepoPaths.root().resolve("hardware/tesla-npu-like-df.yaml")).orThrow();
        Memory m = a.memory("sram_896KB_A").orElseThrow();
        assertThat(m.readEnergyPj()).isEqualTo(26.01 * 7);
        assertThat(m.writeEnergyPj()).isEqualTo(23.65 * 8);
        assertThat(a.memory("sram_64KB_A").orElseThrow().sizeBits()).as("named 64KB, really 128 KiB").isEqualTo(1048576);
    }
}
