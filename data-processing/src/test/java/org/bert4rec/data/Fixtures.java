package org.bert4rec.data;

import java.nio.file.Path;

/** Paths of shared test inputs. */
final class Fixtures {
    private Fixtures() {
    }

    /** A pickle fixture made with Debian's pandas 1.5 (utils/src/test/resources/pickle/make_fixtures.py). */
    static Path pickle(String name) {
        return Path.of(System.getProperty("bert4rec.root", "..")).resolve("utils/src/test/resources/pickle")
                .resolve(name);
    }

    /** The real ML-1m pickle in ../shared, which tests skip without. */
    static Path movieLens() {
        return Path.of(System.getProperty("bert4rec.shared", "../shared"), "data/ml-1m/ml-1m.pkl");
    }
}
