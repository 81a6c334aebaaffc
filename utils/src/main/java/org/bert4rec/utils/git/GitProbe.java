package org.bert4rec.utils.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks the {@code git} command about a work tree. Every question may go unanswered (git not installed, not a
 * repository, a repository without commits): tracking then records less, and the stage still runs.
 */
public final class GitProbe {

    /** A git call that takes longer than this is abandoned; git answers these questions in milliseconds. */
    private static final long TIMEOUT_SECONDS = 20;

    private final Path workTree;
    private final List<String> bookkeeping;

    /**
     * @param workTree    the repository's work tree
     * @param bookkeeping paths (relative to the work tree) that tools rewrite on every run, such as the Makefile's
     *                    {@code config/new_experiment_stage.txt}; changes to them do not make the tree dirty
     */
    public GitProbe(Path workTree, List<String> bookkeeping) {
        this.workTree = workTree;
        this.bookkeeping = List.copyOf(bookkeeping);
    }

    public GitProbe(Path workTree) {
        this(workTree, List.of());
    }

    /** The work tree's commit, branch, dirty flag and origin URL, or empty when git cannot tell. */
    public Optional<GitInfo> inspect() {
        Optional<String> commit = run("rev-parse", "HEAD");
        Optional<String> branch = run("rev-parse", "--abbrev-ref", "HEAD");
        Optional<String> status = run(statusArgs());
        if (commit.isEmpty() || branch.isEmpty() || status.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> url = run("config", "--get", "remote.origin.url").filter(s -> !s.isBlank());
        return Optional.of(new GitInfo(commit.get().trim(), branch.get().trim(), !status.get().isBlank(),
                url.map(String::trim)));
    }

    /** The current branch name ({@code git rev-parse --abbrev-ref HEAD}), or empty when git cannot tell. */
    public Optional<String> branch() {
        return run("rev-parse", "--abbrev-ref", "HEAD").map(String::trim).filter(s -> !s.isEmpty());
    }

    /**
     * What is not committed: {@code git status --porcelain} (which also lists untracked files) followed by
     * {@code git diff HEAD} (staged and unstaged changes of tracked files), or empty when git cannot tell.
     */
    public Optional<String> uncommittedChanges() {
        Optional<String> status = run("status", "--porcelain");
        Optional<String> diff = run("diff", "HEAD");
        if (status.isEmpty() || diff.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("# git status --porcelain\n" + status.get() + "\n# git diff HEAD\n" + diff.get());
    }

    /** {@code git status --porcelain}, leaving out the bookkeeping paths. */
    private String[] statusArgs() {
        List<String> args = new ArrayList<>(List.of("status", "--porcelain"));
        if (!bookkeeping.isEmpty()) {
            args.add("--");
            args.add(".");
            bookkeeping.forEach(p -> args.add(":(exclude)" + p));
        }
        return args.toArray(String[]::new);
    }

    private Optional<String> run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.add("-C");
        command.add(workTree.toString());
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return Optional.empty(); // git is not installed
        }
        try {
            byte[] out = readAll(process.getInputStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(new String(out, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            process.destroyForcibly();
            return Optional.empty();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return buffer.toByteArray();
    }
}
