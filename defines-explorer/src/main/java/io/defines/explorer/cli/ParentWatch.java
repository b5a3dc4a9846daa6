package io.defines.explorer.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;

/**
 * In a sweep restarted in a child JVM ({@link LongRunJvm}): watches the parent launcher, whose process
 * id the child gets in {@link #PARENT_PID}, and stops the sweep as Ctrl-C does (no new points, rows
 * written stay) when the parent has died, however it died (SIGKILL included, which gives the parent
 * no chance to stop its child). Polls twice a second in a daemon thread.
 */
final class ParentWatch {
    static final String PARENT_PID = "DEFINES_PARENT_PID";
    static final long POLL_MILLIS = 500;

    private final PrintWriter err;
    private volatile Runnable onDeath;

    private ParentWatch(PrintWriter err) {
        this.err = err;
    }

    /** Starts watching when this JVM is a restarted child; null otherwise. Until {@link #onDeath} is set, the parent's death ends this JVM. */
    static ParentWatch startIfChild(PrintWriter err) {
        String pid = System.getenv(PARENT_PID);
        if (pid == null) {
            return null;
        }
        Optional<ProcessHandle> parent;
        try {
            parent = ProcessHandle.of(Long.parseLong(pid.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
        ParentWatch w = new ParentWatch(err);
        // the parent's start, so that another process taking its id later is not taken for it
        Optional<Instant> started = parent.flatMap(p -> p.info().startInstant());
        // while the launcher is this JVM's parent, its death shows at once as a new parent (a killed process is
        // a zombie, alive to kill(pid, 0), until its own parent reaps it, which some containers' init never does)
        long id = parent.map(ProcessHandle::pid).orElse(-1L);
        boolean direct = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-2L) == id;
        Thread t = new Thread(() -> w.watch(parent, started, direct), "defines-parent-watch");
        t.setDaemon(true);
        t.start();
        return w;
    }

    /** What to do when the parent dies (instead of exiting). */
    void onDeath(Runnable action) {
        this.onDeath = action;
    }

    private void watch(Optional<ProcessHandle> parent, Optional<Instant> started, boolean direct) {
        while (alive(parent, started, direct)) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
        err.println("defines sweep: the launcher (parent process) is gone; stopping after the points under way");
        err.flush();
        Runnable action = onDeath;
        if (action != null) {
            action.run();
        } else {
            System.exit(Main.EXIT_INTERNAL);
        }
    }

    private static boolean alive(Optional<ProcessHandle> parent, Optional<Instant> started, boolean direct) {
        if (parent.isEmpty() || !parent.get().isAlive()) {
            return false;
        }
        if (direct && ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) != parent.get().pid()) {
            return false;
        }
        if (started.isPresent()) {
            Optional<Instant> now = parent.get().info().startInstant();
            return now.isEmpty() || now.equals(started);
        }
        return true;
    }
}
