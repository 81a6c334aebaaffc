package org.bert4rec.data;

import java.nio.file.Path;

/** Public access to {@link Fixtures} for tests in sub-packages. */
public final class FixturesAccess {
    private FixturesAccess() {
    }

    public static Path pickle(String name) {
        return Fixtures.pickle(name);
    }

    public static Path movieLens() {
        return Fixtures.movieLens();
    }
}
