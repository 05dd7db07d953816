package dev.umhub.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test on a real embedded H2 file store, fresh for each test and closed after it. */
abstract class H2StoreTest {

    @TempDir
    Path dir;

    protected Store store;

    @BeforeEach
    void openStore() {
        store = TestStores.h2File(dir);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }
}
