package org.bert4rec.utils.runtime;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Runs the program in a child JVM whose OpenMP threads sleep rather than spin while they wait.
 *
 * <p>ND4J's native code and the OpenBLAS it calls each keep a pool of OpenMP threads, and by default (libgomp's
 * {@code OMP_WAIT_POLICY} unset) an idle thread spins for a while before it sleeps. On a machine with as many cores
 * as threads, the pool that just finished an element-wise op spins on the cores the matrix product now needs:
 * a BERT4Rec training step ran 1.4× slower that way here (docs/BENCHMARKS.md), and PyTorch's suffers the same way.
 * libgomp reads the variable once, when it is loaded, and Java cannot set its own environment, so the launcher
 * starts a child JVM with {@code OMP_WAIT_POLICY=PASSIVE}, the same JVM options, class path and arguments, passes
 * standard input and output through, forwards SIGTERM and exits with the child's code.
 *
 * <p>Nothing happens when {@code OMP_WAIT_POLICY} is already set (to any value: the user's choice wins, and the
 * child sees it set, so it never relaunches again) or when a debugger or agent is attached.
 */
public final class PassiveOpenMp {
    /** libgomp's variable. */
    public static final String WAIT_POLICY = "OMP_WAIT_POLICY";
    private static final long CHILD_GRACE_SECONDS = 60;

    private PassiveOpenMp() {
    }

    /**
     * Runs {@code main} with {@code args} in a child JVM with passive OpenMP waiting and returns its exit code, or
     * returns empty when this JVM should do the work itself (see the class comment).
     */
    public static OptionalInt relaunch(Class<?> main, String[] args) {
        return relaunch(main, args, List.of(), Map.of());
    }

    /**
     * As {@link #relaunch(Class, String[])}, with {@code childOptions} (HotSpot {@code -XX:} options) added to the
     * child's JVM options unless this JVM was given an option of the same name, and {@code childEnv} added to its
     * environment where this process's environment does not set the variable: the user's settings win.
     */
    public static OptionalInt relaunch(Class<?> main, String[] args, List<String> childOptions,
            Map<String, String> childEnv) {
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (System.getenv(WAIT_POLICY) != null || jvmOptions.stream().anyMatch(PassiveOpenMp::isAgent)) {
            return OptionalInt.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        for (String option : childOptions) {
            if (jvmOptions.stream().noneMatch(o -> hotSpotName(o).equals(hotSpotName(option)))) {
                command.add(option);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        Map<String, String> env = builder.environment();
        env.put(WAIT_POLICY, "PASSIVE");
        childEnv.forEach(env::putIfAbsent);
        try {
            Process child = builder.start();
            Thread forwarder = new Thread(() -> stop(child), "stop-child");
            Runtime.getRuntime().addShutdownHook(forwarder);
            int code = child.waitFor();
            try {
                Runtime.getRuntime().removeShutdownHook(forwarder);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already: it waits for the child, which has exited
            }
            return OptionalInt.of(code);
        } catch (java.io.IOException e) {
            System.err.println("warning: could not start a child JVM with " + WAIT_POLICY + "=PASSIVE (" + e.getMessage()
                    + "); running here, which can be slower: set " + WAIT_POLICY + "=PASSIVE yourself");
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.of(130);
        }
    }

    /** SIGTERM to the child, so that its own shutdown hooks run (a KILLED tracking run, a closed checkpoint). */
    private static void stop(Process child) {
        if (!child.isAlive()) {
            return;
        }
        child.destroy();
        try {
            if (!child.waitFor(CHILD_GRACE_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
        }
    }

    /** {@code TieredStopAtLevel} for {@code -XX:TieredStopAtLevel=1}, {@code Foo} for {@code -XX:+Foo}; else itself. */
    static String hotSpotName(String jvmOption) {
        if (!jvmOption.startsWith("-XX:")) {
            return jvmOption;
        }
        String rest = jvmOption.substring(4);
        if (rest.startsWith("+") || rest.startsWith("-")) {
            rest = rest.substring(1);
        }
        int eq = rest.indexOf('=');
        return eq < 0 ? rest : rest.substring(0, eq);
    }

    private static boolean isAgent(String jvmOption) {
        return jvmOption.startsWith("-agentlib") || jvmOption.startsWith("-javaagent")
                || jvmOption.startsWith("-agentpath") || jvmOption.startsWith("-Xrunjdwp");
    }
}
