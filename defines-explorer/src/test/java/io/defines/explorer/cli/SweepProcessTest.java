package io.defines.explorer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.defines.core.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep as a process: its output folder (checks and lock), its restarted child, its warnings; validate's verdicts. */
class SweepProcessTest {

    /** One 8×8 convolution: points of it take about a millisecond. */
    static final String TINY = "- id: 0\n  name: conv0\n  operator_type: Conv\n"
            + "  equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]\n"
            + "  dimension_relations: [ix=1*ox+1*fx, iy=1*oy+1*fy]\n"
            + "  loop_dims: [B, K, C, OY, OX, FY, FX]\n  loop_sizes: [1, 8, 1, 8, 8, 3, 3]\n"
            + "  operand_precision: {W: 8, I: 8, O: 16, O_final: 8}\n  operand_source: {W: 0, I: 0}\n";

    /** An exploration of the tiny workload with tile_x 1..tx × tile_y 1..ty; the FSRCNN mapping names layers it lacks (two warnings). */
    static Path exploration(Path dir, String name, int tx, int ty) throws IOException {
        Path root = RepoPaths.root();
        Files.writeString(dir.resolve("tiny.yaml"), TINY);
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, "name: " + name + "\n"
                + "workloads: [tiny.yaml]\n"
                + "accelerators: [" + root.resolve("hardware/meta-prototype-df.yaml") + "]\n"
                + "mappings: [" + root.resolve("hardware/mappings/meta-prototype/fsrcnn.yaml") + "]\n"
                + "overlap: [fully-recompute]\n"
                + "tile_x: {from: 1, to: " + tx + ", step: 1}\n"
                + "tile_y: {from: 1, to: " + ty + ", step: 1}\n"
                + "lpf_limit: 4\n"
                + "details: false\n");
        return f;
    }

    static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void warningsOfTheInputsReachSweepAndEvaluateOnceEach(@TempDir Path tmp) throws IOException {
        Path x = exploration(tmp, "warn", 2, 2);
        CliTest.Run s = CliTest.run("sweep", x.toString(), "--out", tmp.resolve("out").toString(), "--threads", "1");
        assertThat(s.exit()).as(s.err()).isZero();
        assertThat(count(s.err(), "warning: mapping entry 'pw6' matches no layer")).isEqualTo(1);
        assertThat(count(s.err(), "warning: mapping entry 'conv7' matches no layer")).isEqualTo(1);
        assertThat(s.out()).startsWith("warn: 4 points (0 reused, 4 evaluated, 0 infeasible)");
        CliTest.Run e = CliTest.run("evaluate", "--workload", tmp.resolve("tiny.yaml").toString(), "--accelerator",
                CliTest.repo("hardware/meta-prototype-df.yaml"), "--mapping", CliTest.repo("hardware/mappings/meta-prototype/fsrcnn.yaml"),
                "--tile", "4x4");
        assertThat(e.exit()).as(e.err()).isZero();
        assertThat(count(e.err(), "warning: mapping entry 'pw6' matches no layer")).isEqualTo(1);
        assertThat(e.out()).startsWith("tiny on meta-prototype-df, tile 4x4").doesNotContain("warning");
    }

    @Test
    void outMustBeAFolderOfThisSweepsResults(@TempDir Path tmp) throws IOException {
        Path x = exploration(tmp, "mine", 2, 2);
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        CliTest.Run r = CliTest.run("sweep", x.toString(), "--out", file.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("defines sweep: --out " + file + " is a file, not a folder").contains("  Maybe --out ");

        Path unrelated = Files.createDirectories(tmp.resolve("unrelated"));
        Files.writeString(unrelated.resolve("thesis.tex"), "\\documentclass{article}");
        r = CliTest.run("sweep", x.toString(), "--out", unrelated.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("holds files that are not results of a sweep (thesis.tex)").contains("Maybe --out a new or empty folder");
        assertThat(unrelated.resolve("points.csv")).doesNotExist();

        Path theirs = tmp.resolve("theirs");
        assertThat(CliTest.run("sweep", exploration(tmp, "theirs", 2, 1).toString(), "--out", theirs.toString()).exit()).isZero();
        String before = Files.readString(theirs.resolve("points.csv"));
        r = CliTest.run("sweep", x.toString(), "--out", theirs.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("holds the results of exploration 'theirs', not 'mine'").contains("Maybe");
        assertThat(Files.readString(theirs.resolve("points.csv"))).isEqualTo(before);

        // a points.csv of other columns without a manifest (a first run killed early): refused, left as it was
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve("points.csv"), "point_id,point_key,something_else\n0,abc,1\n");
        r = CliTest.run("sweep", x.toString(), "--out", other.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("is not a points.csv of this sweep").contains("Maybe");
        assertThat(other.resolve("points.csv")).hasContent("point_id,point_key,something_else\n0,abc,1");

        // this sweep's own folder, plots in it included, is resumed
        Path own = tmp.resolve("own");
        assertThat(CliTest.run("sweep", x.toString(), "--out", own.toString()).exit()).isZero();
        Files.createDirectories(own.resolve("figures"));
        r = CliTest.run("sweep", x.toString(), "--out", own.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("4 points (4 reused");
        assertThat(own.resolve(OutputFolder.LOCK)).doesNotExist();
    }

    @Test
    void aReadOnlyOutFolderIsRefused(@TempDir Path tmp) throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes into read-only folders");
        Path x = exploration(tmp, "ro", 2, 2);
        Path ro = Files.createDirectories(tmp.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            CliTest.Run r = CliTest.run("sweep", x.toString(), "--out", ro.toString());
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("is read-only").contains("Maybe");
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aLockedFolderIsRefusedAndAStaleLockFileIsNot(@TempDir Path tmp) throws Exception {
        Path x = exploration(tmp, "locked", 2, 2);
        Path dir = Files.createDirectories(tmp.resolve("out"));
        // a lock file left by a killed sweep: its OS lock went with the process
        Files.writeString(dir.resolve(OutputFolder.LOCK), "999999999\n");
        CliTest.Run r = CliTest.run("sweep", x.toString(), "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        try (OutputFolder held = OutputFolder.lock(dir)) {
            assertThat(dir.resolve(OutputFolder.LOCK)).hasContent(Long.toString(ProcessHandle.current().pid()));
            r = CliTest.run("sweep", x.toString(), "--out", dir.toString());
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("defines sweep: another sweep is writing into " + dir + " (process " + ProcessHandle.current().pid() + ")")
                    .contains("  Maybe wait for it to end");
        }
        assertThat(CliTest.run("sweep", x.toString(), "--out", dir.toString()).exit()).isZero();
    }

    /**
     * A launcher JVM (C1 only, as ./defines starts it) restarts a sweep of 5 000 points in a child JVM;
     * the child holds the folder's lock, and when the launcher is killed with SIGKILL the child stops too.
     */
    @Test
    void theRestartedChildDiesWithItsParent(@TempDir Path tmp) throws Exception {
        Path x = exploration(tmp, "long", 100, (int) (LongRunJvm.THRESHOLD_POINTS / 100));
        Path dir = tmp.resolve("out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "sweep", x.toString(), "--out", dir.toString(), "--threads", "1")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("parent.log").toFile());
        pb.environment().remove("DEFINES_JAVA_OPTS");
        pb.environment().remove(LongRunJvm.MARK);
        pb.environment().remove(ParentWatch.PARENT_PID);
        Process parent = pb.start();
        try {
            Path csv = dir.resolve("points.csv");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Optional<ProcessHandle> child = Optional.empty();
            while (System.nanoTime() < deadline && (child.isEmpty() || !Files.exists(csv) || Files.readAllLines(csv).size() < 3)) {
                child = parent.children().findFirst();
                Thread.sleep(20);
            }
            assertThat(child).as(Files.readString(tmp.resolve("parent.log"))).isPresent();
            assertThat(Files.readAllLines(csv).size()).as("rows written by the child").isGreaterThanOrEqualTo(3);
            // the child holds the lock: a second sweep into the folder is refused with its process id
            CliTest.Run second = CliTest.run("sweep", x.toString(), "--out", dir.toString(), "--threads", "1");
            assertThat(second.exit()).isEqualTo(2);
            assertThat(second.err()).contains("another sweep is writing into").contains("(process " + child.get().pid() + ")");

            parent.destroyForcibly().waitFor();
            assertThat(child.get().onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
            // it stopped as on Ctrl-C: whole rows only, and no more of them (hardKilledSweepResumesToTheSameFiles resumes such files)
            long rows = Files.readAllLines(csv).size();
            Thread.sleep(2 * ParentWatch.POLL_MILLIS);
            java.util.List<String> lines = Files.readAllLines(csv);
            int width = lines.get(0).split(",").length;
            assertThat(lines).hasSize((int) rows).allMatch(l -> l.split(",", -1).length == width);
            assertThat(Files.readString(csv)).endsWith("\n");
            assertThat(Files.readString(tmp.resolve("parent.log"))).contains("the launcher (parent process) is gone");
        } finally {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }
    }

    @Test
    void everyFileOfAValidateGetsItsVerdictDespiteAnInternalError(@TempDir Path tmp) throws IOException {
        Path good = Files.writeString(tmp.resolve("good.yaml"), TINY);
        Path boom = Files.writeString(tmp.resolve("boom.yaml"), TINY);
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), "- id: x\n");
        ValidateCommand.Validator real = ValidateCommand.validator;
        ValidateCommand.validator = (f, ctx, onnx) -> {
            if (f.getFileName().toString().equals("boom.yaml")) {
                throw new IllegalStateException("a bug");
            }
            return real.validate(f, ctx, onnx);
        };
        try {
            CliTest.Run r = CliTest.run("validate", boom.toString(), good.toString(), bad.toString());
            assertThat(r.exit()).isEqualTo(Main.EXIT_INTERNAL);
            assertThat(r.out()).contains("ERROR   " + boom + " (internal error)").contains("ok      " + good + " (workload)")
                    .contains("INVALID " + bad).contains("1 of 3 files valid").contains("1 internal error");
            assertThat(r.err()).contains("defines validate: internal error on " + boom + ": java.lang.IllegalStateException: a bug");
            r = CliTest.run("validate", good.toString(), bad.toString());
            assertThat(r.exit()).isEqualTo(Main.EXIT_INVALID);
        } finally {
            ValidateCommand.validator = real;
        }
    }
}
