package org.bert4rec.utils.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Makes a small git repository for tests (skipped where git is not installed). */
public final class GitRepoFixture {
    private GitRepoFixture() {
    }

    /** A repository at {@code dir} on {@code branch} with one commit holding a .gitignore like the project's. */
    public static void init(Path dir, String branch) throws IOException, InterruptedException {
        Assumptions.assumeTrue(git(dir, "--version") == 0, "git is not installed");
        Files.writeString(dir.resolve(".gitignore"), "/mlruns/\n/projects/*/\n");
        Files.writeString(dir.resolve("code.txt"), "line 1\n");
        run(dir, "init", "-q");
        run(dir, "checkout", "-q", "-b", branch);
        run(dir, "add", "-A");
        run(dir, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "first");
    }

    /** Runs git in {@code dir}; fails the test when git fails. */
    public static void run(Path dir, String... args) throws IOException, InterruptedException {
        int code = git(dir, args);
        if (code != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " exited " + code);
        }
    }

    private static int git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            return -1;
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
