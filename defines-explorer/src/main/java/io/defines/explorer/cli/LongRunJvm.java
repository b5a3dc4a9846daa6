package io.defines.explorer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher starts the JVM with the C1 compiler only, which is fastest for runs of seconds (case
 * study 1: 3.5 s vs 4.3 s) but 1.8× slower than the optimising C2 compiler on long sweeps (101 376
 * points: 194 s vs 107 s on 2 cores). A sweep of many points therefore restarts itself once in a
 * JVM with tiered compilation (same arguments, same streams) and returns its exit code. Set
 * DEFINES_JAVA_OPTS to choose the JVM options yourself; this never happens then. The child stops (as
 * on Ctrl-C) when this JVM ends, however it ends ({@link ParentWatch}).
 */
final class LongRunJvm {
    /** Points from which a restart pays (≈ 30 s of work at C1 speed). */
    static final long THRESHOLD_POINTS = 5_000;
    static final String MARK = "DEFINES_JIT_CHOSEN";

    private LongRunJvm() {
    }

    /** The child's exit code, or null when this JVM should run the sweep itself. */
    static Integer restartIfWorthIt(long points, PrintWriter err) {
        return restartIfWorthIt("sweep", points, THRESHOLD_POINTS, err);
    }

    /** The same for any command: {@code work} units (points, stacks) against the {@code threshold} from which a restart pays. */
    static Integer restartIfWorthIt(String command, long work, long threshold, PrintWriter err) {
        long points = work;
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        boolean c1Only = jvm.contains("-XX:TieredStopAtLevel=1");
        if (points < threshold || !c1Only || System.getenv(MARK) != null || System.getenv("DEFINES_JAVA_OPTS") != null) {
            return null;
        }
        Path jar;
        try {
            jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            return null;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : jvm) {
            if (!a.equals("-XX:TieredStopAtLevel=1")) {
                cmd.add(a);
            }
        }
        if (jar.toString().endsWith(".jar")) {
            cmd.add("-jar");
            cmd.add(jar.toString());
        } else {
            // classes on a class path (tests, IDEs)
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        }
        cmd.addAll(List.of(Main.originalArgs));
        err.println("defines " + command + ": " + points + (command.equals("sweep") ? " points" : " stacks")
                + ": continuing in a JVM with the optimising compiler (faster for long runs)");
        err.flush();
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put(MARK, "1");
        // the child stops when this JVM dies, even by SIGKILL, which runs no shutdown hook (ParentWatch)
        pb.environment().put(ParentWatch.PARENT_PID, Long.toString(ProcessHandle.current().pid()));
        try {
            Process p = pb.start();
            // if this JVM is asked to stop (Ctrl-C, SIGTERM), so is the child: it then stops scheduling and ends cleanly
            Thread stop = new Thread(() -> {
                p.destroy();
                try {
                    p.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(stop);
            int code = p.waitFor();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
            return code;
        } catch (IOException e) {
            err.println("defines " + command + ": could not start " + cmd.get(0) + " (" + e.getMessage() + "); running here");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.EXIT_INTERNAL;
        }
    }

}
