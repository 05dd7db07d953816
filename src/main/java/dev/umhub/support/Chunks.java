package dev.umhub.support;

import java.util.ArrayList;
import java.util.List;

/**
 * A list cut into consecutive views of at most a given size: what a statement with an {@code IN} list of many keys, or
 * a transaction over many rows, takes a piece at a time.
 */
public final class Chunks {

    private Chunks() {
    }

    /** Views of {@code list} (not copies), in order; none for an empty list. */
    public static <T> List<List<T>> of(List<T> list, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a chunk holds at least one element: " + size);
        }
        List<List<T>> chunks = new ArrayList<>((list.size() + size - 1) / size);
        for (int from = 0; from < list.size(); from += size) {
            chunks.add(list.subList(from, Math.min(list.size(), from + size)));
        }
        return chunks;
    }
}
