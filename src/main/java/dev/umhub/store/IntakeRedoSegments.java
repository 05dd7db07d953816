package dev.umhub.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of the {@link IntakeRedoLog}, beside the database: {@code <database>.intake-redo.<n>}, numbered in the
 * order they were started, so that the rows a crash left are appended again in the order they arrived.
 */
final class IntakeRedoSegments {

    private static final Logger log = LoggerFactory.getLogger(IntakeRedoSegments.class);
    private static final String SEGMENT = ".intake-redo.";

    /** Opens a new segment's file; a test's may fail. */
    interface Channels {
        FileChannel open(Path segment) throws IOException;
    }

    /** A new file for each segment, never one that is there already. */
    static final Channels NEW_FILES =
            p -> FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    /** The database's path and name: the segments' prefix. */
    private final Path database;
    private final Channels channels;
    /** One for every segment's writes: the writer of the log's group commit is one thread at a time. */
    private final WriteBuffer buffer = new WriteBuffer();
    private long next;

    IntakeRedoSegments(Path database, Channels channels) {
        this.database = database;
        this.channels = channels;
    }

    /** The segments an earlier run left, oldest first; segments started from now on are numbered after them. */
    List<Path> left() throws IOException {
        String prefix = database.getFileName() + SEGMENT;
        try (Stream<Path> files = Files.list(database.toAbsolutePath().getParent())) {
            List<Path> left = files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .filter(f -> number(f) >= 0)
                    .sorted(Comparator.comparingLong(IntakeRedoSegments::number))
                    .toList();
            if (!left.isEmpty()) {
                next = Math.max(next, number(left.get(left.size() - 1)) + 1);
            }
            return left;
        }
    }

    /** A new, empty segment. */
    Segment open() throws IOException {
        Path p = database.resolveSibling(database.getFileName() + SEGMENT + next++);
        return new Segment(p, channels.open(p), buffer);
    }

    private static long number(Path segment) {
        String name = segment.getFileName().toString();
        try {
            return Long.parseLong(name.substring(name.lastIndexOf('.') + 1));
        } catch (NumberFormatException notOurs) {
            return -1;
        }
    }

    /** One file of the log. Written by one thread at a time (the group commit's writer), read only at start. */
    static final class Segment {
        private final Path path;
        private final FileChannel channel;
        private final WriteBuffer buffer;
        private long size;

        private Segment(Path path, FileChannel channel, WriteBuffer buffer) {
            this.path = path;
            this.channel = channel;
            this.buffer = buffer;
        }

        long size() {
            return size;
        }

        /** Appends the records and forces them to the disk. */
        void write(List<ByteBuffer> records) throws IOException {
            ByteBuffer out = buffer.holding(records);
            while (out.hasRemaining()) {
                size += channel.write(out);
            }
            channel.force(false);
        }

        void delete() {
            try {
                channel.close();
                Files.deleteIfExists(path);
            } catch (IOException e) {
                log.warn("Could not delete the intake redo log segment {}: {}", path, e.toString());
            }
        }
    }

    /**
     * One direct buffer the writer copies a batch into, so that writing heap buffers does not leave a temporary
     * direct copy of each cached in every thread that once was the writer (the JDK caches those per thread). It grows
     * to the largest batch written.
     */
    private static final class WriteBuffer {
        private ByteBuffer direct = ByteBuffer.allocateDirect(64 * 1024);

        ByteBuffer holding(List<ByteBuffer> records) {
            int total = 0;
            for (ByteBuffer r : records) {
                total += r.remaining();
            }
            if (direct.capacity() < total) {
                direct = ByteBuffer.allocateDirect(Math.max(total, direct.capacity() * 2));
            }
            direct.clear();
            for (ByteBuffer r : records) {
                direct.put(r.duplicate());
            }
            return direct.flip();
        }
    }
}
