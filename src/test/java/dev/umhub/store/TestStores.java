package dev.umhub.store;

import java.nio.file.Path;

/** Real stores for unit tests. */
public final class TestStores {

    private TestStores() {
    }

    /** An embedded H2 file store in the given (temporary) folder, migrated; close it after the test. */
    public static Store h2File(Path dir) {
        StoreProperties p = new StoreProperties();
        p.setUrl("jdbc:h2:file:" + dir.resolve("store"));
        return Store.open(p);
    }
}
