package io.defines.explorer.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import io.defines.core.RepoPaths;
import io.defines.core.input.Diagnostic;
import io.defines.core.input.InvalidInputException;
import io.defines.core.input.Parsed;
import io.defines.core.onnx.OnnxGraphs;
import io.defines.explorer.cli.Main;
import io.defines.explorer.sweep.Exploration;
import io.defines.explorer.sweep.ExplorationReader;
import io.defines.explorer.sweep.Sweep;
import io.defines.explorer.validation.MeasurementReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's own mutation fuzzer, seeded and in-process: mutants of every shipped input (workloads,
 * accelerators, mappings, explorations, the measurement CSV, an ONNX model built here) are read the
 * way the tool reads them. It fails on an internal error (exit 1, an exception), a hang, a diagnostic
 * without FILE:LINE:COL or without a "Maybe …" hint, and an accepted mutant whose required key was
 * deleted. Every failure names the file and the mutation, so it can be kept as a regression case.
 */
class FuzzTest {

    /** The seed; another with -Dfuzz.seed=N, and -Dfuzz.scale=K for K times as many mutants (a longer hunt by hand). */
    private static final long SEED = Long.getLong("fuzz.seed", 20261205L);
    private static final int SCALE = Integer.getInteger("fuzz.scale", 1);
    private static final Path ROOT = RepoPaths.root();
    private static final Pattern LOCATED = Pattern.compile("^\\S.*:(\\d+):(\\d+): .*");
    private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz-target");
        t.setDaemon(true);
        return t;
    });

    private static final Set<String> WORKLOAD_KEYS = Set.of("id", "equation", "loop_dims", "loop_sizes", "operand_precision",
            "operand_source");
    private static final Set<String> ACCELERATOR_KEYS = Set.of("memories", "operational_array", "size", "r_cost", "w_cost", "operands",
            "ports", "type", "bandwidth_min", "bandwidth_max", "allocation", "unit_energy", "dimensions", "sizes");
    private static final Set<String> EXPLORATION_KEYS = Set.of("workloads", "accelerators", "tile_x", "tile_y");

    @TempDir
    static Path tmp;

    private final List<String> failures = new ArrayList<>();
    private int runs;

    @AfterAll
    static void stop() {
        RUNNER.shutdownNow();
    }

    @Test
    void workloadsAndAccelerators() throws IOException {
        for (Path f : files("workloads")) {
            mutateAndValidate(f, WORKLOAD_KEYS, 60 * SCALE);
        }
        for (Path f : files("hardware")) {
            mutateAndValidate(f, ACCELERATOR_KEYS, 40 * SCALE);
        }
        report();
    }

    @Test
    void mappings() throws IOException {
        try (Stream<Path> families = Files.list(ROOT.resolve("hardware/mappings"))) {
            for (Path family : families.sorted().toList()) {
                Path acc = ROOT.resolve("hardware/" + family.getFileName() + ".yaml");
                for (Path m : files("hardware/mappings/" + family.getFileName())) {
                    String wl = m.getFileName().toString();
                    Path workload = ROOT.resolve("workloads/" + (wl.equals("by-operator-type.yaml") ? "fsrcnn.yaml" : wl));
                    Mutator mutator = new Mutator(SEED ^ m.toString().hashCode(), Set.of());
                    String text = Files.readString(m);
                    for (int i = 0; i < 12 * SCALE; i++) {
                        Mutator.Mutant mu = mutator.mutate(text);
                        Path p = write(m, i, mu.bytes());
                        check(m + " [" + mu.description() + "]", mu, cli("validate", p.toString(), "--workload", workload.toString(),
                                "--accelerator", acc.toString()));
                    }
                }
            }
        }
        report();
    }

    @Test
    void explorations() throws IOException {
        for (Path f : files("explorations")) {
            Mutator mutator = new Mutator(SEED ^ f.toString().hashCode(), EXPLORATION_KEYS);
            String text = Files.readString(f);
            for (int i = 0; i < 80 * SCALE; i++) {
                Mutator.Mutant mu = mutator.mutate(text);
                // next to the original, so that its relative paths resolve
                Path p = f.resolveSibling(".fuzz-" + i + "-" + f.getFileName());
                Files.write(p, mu.bytes());
                try {
                    check(f + " [" + mu.description() + "]", mu, inProcess(() -> {
                        Parsed<Exploration> x = ExplorationReader.read(p);
                        if (!x.ok()) {
                            return x.diagnostics();
                        }
                        try {
                            new Sweep(x.value().points(), 1);
                            return x.diagnostics();
                        } catch (InvalidInputException e) {
                            return e.diagnostics();
                        }
                    }));
                } finally {
                    Files.deleteIfExists(p);
                }
            }
        }
        report();
    }

    @Test
    void measurementCsv() throws IOException {
        Path f = ROOT.resolve("measurements/depfin-published.csv");
        Mutator mutator = new Mutator(SEED, Set.of());
        String text = Files.readString(f);
        for (int i = 0; i < 150 * SCALE; i++) {
            Mutator.Mutant mu = mutator.mutate(text);
            Path p = f.resolveSibling(".fuzz-" + i + "-" + f.getFileName());
            Files.write(p, mu.bytes());
            try {
                check(f + " [" + mu.description() + "]", mu, inProcess(() -> MeasurementReader.read(p).diagnostics()));
            } finally {
                Files.deleteIfExists(p);
            }
        }
        report();
    }

    @Test
    void onnxModels() throws IOException {
        Random random = new Random(SEED);
        List<OnnxMl.GraphProto.Builder> variants = OnnxMutants.structural();
        for (int v = 0; v < variants.size(); v++) {
            Path p = OnnxGraphs.write(tmp, "structural-" + v + ".onnx", variants.get(v));
            check("onnx structural variant " + v + " (" + OnnxMutants.DESCRIPTIONS.get(v) + ")", null, cli("validate", p.toString()));
        }
        byte[] good = Files.readAllBytes(OnnxGraphs.write(tmp, "good.onnx", OnnxMutants.network()));
        for (int i = 0; i < 200 * SCALE; i++) {
            byte[] b = good.clone();
            String what;
            if (i % 3 == 0) {
                int at = random.nextInt(b.length + 1);
                b = java.util.Arrays.copyOf(b, at);
                what = "truncated at byte " + at;
            } else {
                int at = random.nextInt(b.length);
                b[at] = (byte) random.nextInt(256);
                what = "byte " + at + " := " + (b[at] & 0xFF);
            }
            Path p = tmp.resolve("mutant-" + i + ".onnx");
            Files.write(p, b);
            check("onnx [" + what + "]", null, cli("validate", p.toString()));
        }
        report();
    }

    // ---------------------------------------------------------------------------------------------

    /** What one run printed: exit code and stderr (diagnostics), or an internal failure. */
    private record Outcome(int exit, String err, String failure) {
    }

    private interface Target {
        List<Diagnostic> diagnostics() throws Exception;
    }

    private void mutateAndValidate(Path f, Set<String> required, int count) throws IOException {
        Mutator mutator = new Mutator(SEED ^ f.toString().hashCode(), required);
        String text = Files.readString(f);
        for (int i = 0; i < count; i++) {
            Mutator.Mutant mu = mutator.mutate(text);
            Path p = write(f, i, mu.bytes());
            check(f + " [" + mu.description() + "]", mu, cli("validate", p.toString()));
        }
    }

    private Path write(Path original, int i, byte[] bytes) throws IOException {
        Path dir = tmp.resolve(original.getParent().getFileName().toString());
        Files.createDirectories(dir);
        Path p = dir.resolve(i + "-" + original.getFileName());
        Files.write(p, bytes);
        return p;
    }

    private Outcome cli(String... args) {
        return run(() -> {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
            return new Outcome(code, err.toString(), null);
        });
    }

    private Outcome inProcess(Target target) {
        return run(() -> {
            try {
                List<Diagnostic> ds = target.diagnostics();
                StringBuilder sb = new StringBuilder();
                ds.forEach(d -> sb.append(d.render()).append('\n'));
                boolean errors = ds.stream().anyMatch(Diagnostic::isError);
                return new Outcome(errors ? Main.EXIT_INVALID : Main.EXIT_OK, sb.toString(), null);
            } catch (Exception | Error e) {
                return new Outcome(Main.EXIT_INTERNAL, "", e.toString());
            }
        });
    }

    private Outcome run(java.util.concurrent.Callable<Outcome> call) {
        runs++;
        Future<Outcome> f = RUNNER.submit(call);
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Outcome(-1, "", "no answer within 30 s (a hang)");
        } catch (Exception e) {
            return new Outcome(Main.EXIT_INTERNAL, "", e.toString());
        }
    }

    private void check(String what, Mutator.Mutant mutant, Outcome o) {
        if (o.failure() != null) {
            failures.add(what + ": " + o.failure());
            return;
        }
        if (o.exit() == Main.EXIT_INTERNAL || o.err().contains("internal error")) {
            failures.add(what + ": internal error: " + firstLines(o.err()));
            return;
        }
        if (o.err().contains("Exception") || o.err().contains("\tat ")) {
            failures.add(what + ": a stack trace or exception name: " + firstLines(o.err()));
        }
        if (mutant != null && mutant.deletedRequiredKey() != null && o.exit() == Main.EXIT_OK) {
            failures.add(what + ": accepted although required key '" + mutant.deletedRequiredKey() + "' was deleted");
        }
        String[] lines = o.err().split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.isBlank() || l.startsWith("  ") || l.startsWith("defines ")) {
                continue;
            }
            var m = LOCATED.matcher(l);
            if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(2)) < 1) {
                failures.add(what + ": diagnostic without FILE:LINE:COL: " + shorten(l));
            } else if (i + 1 >= lines.length || !lines[i + 1].startsWith("  Maybe ")) {
                failures.add(what + ": diagnostic without a hint: " + shorten(l));
            }
            if (l.length() > 2_000) {
                failures.add(what + ": a diagnostic of " + l.length() + " characters");
            }
        }
    }

    private void report() {
        assertThat(runs).isGreaterThan(0);
        assertThat(failures).as(failures.size() + " of " + runs + " mutants failed; the first ones:\n"
                + String.join("\n", failures.subList(0, Math.min(40, failures.size())))).isEmpty();
    }

    private static List<Path> files(String dir) throws IOException {
        try (Stream<Path> s = Files.list(ROOT.resolve(dir))) {
            return s.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    private static String firstLines(String s) {
        return shorten(s.lines().limit(3).reduce((a, b) -> a + " | " + b).orElse(""));
    }

    private static String shorten(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    static {
        // the fuzzer's text is UTF-8 throughout
        assert StandardCharsets.UTF_8.name().equals("UTF-8");
    }
}
