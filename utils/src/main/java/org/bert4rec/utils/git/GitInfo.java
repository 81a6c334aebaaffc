package org.bert4rec.utils.git;

import java.util.Optional;

/**
 * The state of a git work tree when a stage started.
 *
 * @param commit  the full hash of {@code HEAD}
 * @param branch  the current branch, or {@code HEAD} when detached (what {@code git rev-parse --abbrev-ref HEAD}
 *                prints, as the seed's make_exp.py used)
 * @param dirty   whether tracked files differ from {@code HEAD} or untracked, non-ignored files exist
 * @param repoUrl the URL of the {@code origin} remote, if there is one
 */
public record GitInfo(String commit, String branch, boolean dirty, Optional<String> repoUrl) {
}
