package org.bert4rec.utils.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's child JVM: the variable set, arguments, standard streams and exit code passed, SIGTERM forwarded. */
class PassiveOpenMpTest {

    @TempDir
    Path dir;

    /** Relaunches itself; the child prints its wait policy and arguments, echoes stdin, exits with code 7. */
    public static final class Program {
        public static void main(String[] args) throws Exception {
            var code = args.length > 0 && args[0].equals("c1")
                    ? PassiveOpenMp.relaunch(Program.class, args, List.of("-XX:TieredStopAtLevel=1"),
                            Map.of("BERT4REC_TEST_CHILD_ENV", "child", "BERT4REC_TEST_USER_ENV", "child"))
                    : PassiveOpenMp.relaunch(Program.class, args);
            if (code.isPresent()) {
                System.exit(code.getAsInt());
            }
            if (args.length > 0 && args[0].equals("c1")) {
                System.out.println(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(o -> o.contains("TieredStopAtLevel")).toList() + " "
                        + System.getenv("BERT4REC_TEST_CHILD_ENV") + " " + System.getenv("BERT4REC_TEST_USER_ENV"));
                System.exit(0);
            }
            System.out.println(System.getenv(PassiveOpenMp.WAIT_POLICY) + " " + String.join(",", args));
            if (args.length > 0 && args[0].equals("wait")) {
                Path marker = Path.of(args[1]);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        Files.writeString(marker, "terminated");
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }));
                System.out.println("ready");
                System.out.flush();
                Thread.sleep(60_000);
            }
            System.out.println(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                    .readLine());
            System.exit(7);
        }
    }

    private static ProcessBuilder program(String... args) {
        return program(List.of(), args);
    }

    private static ProcessBuilder program(List<String> jvmOptions, String... args) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Program.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().remove(PassiveOpenMp.WAIT_POLICY);
        return b;
    }

    @Test
    void childRunsWithPassiveWaitingAndPassesStreamsAndExitCode() throws Exception {
        Process p = program("a b", "c").start();
        p.getOutputStream().write("from stdin\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("PASSIVE a b,c\nfrom stdin\n", out);
        assertEquals(7, p.exitValue());
    }

    @Test
    void childOptionsAndEnvironmentAreAddedUnlessTheUserSetThem() throws Exception {
        assertEquals("[-XX:TieredStopAtLevel=1] child child\n", output(program("c1")));
        ProcessBuilder userSet = program(List.of("-XX:TieredStopAtLevel=4"), "c1");
        userSet.environment().put("BERT4REC_TEST_USER_ENV", "user");
        assertEquals("[-XX:TieredStopAtLevel=4] child user\n", output(userSet));
        assertEquals("TieredCompilation", PassiveOpenMp.hotSpotName("-XX:-TieredCompilation"));
        assertEquals("-Xmx2g", PassiveOpenMp.hotSpotName("-Xmx2g"));
    }

    private static String output(ProcessBuilder b) throws Exception {
        Process p = b.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void aPolicyTheUserSetIsKeptAndNothingIsRelaunched() throws Exception {
        ProcessBuilder b = program("x");
        b.environment().put(PassiveOpenMp.WAIT_POLICY, "ACTIVE");
        Process p = b.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("ACTIVE x\nnull\n", out);
    }

    @Test
    void sigtermReachesTheChildsShutdownHooks() throws Exception {
        Path marker = dir.resolve("marker");
        Process p = program("wait", marker.toString()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("PASSIVE wait," + marker, out.readLine());
            assertEquals("ready", out.readLine());
            p.destroy();   // SIGTERM to the parent
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the parent exits");
        } finally {
            p.destroyForcibly();
        }
        assertEquals("terminated", Files.readString(marker));
    }
}
