package dev.umhub.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The intake redo log's record: what {@code umhub_intake} needs to append a row again. Each record is its length, a
 * CRC-32C of its content, then the content (texts as their UTF-8 length, or -1 for none, and bytes; the receipt time
 * as seconds and nanoseconds). A record cut short or not matching its checksum ends a segment: a crash hit its write,
 * so it was never acknowledged.
 */
final class IntakeRedoRecords {

    private static final int HEADER = Integer.BYTES * 2;

    private IntakeRedoRecords() {
    }

    /** The records read from one segment, and whether it ended in a torn one. */
    record Read(List<IntakeRecord> records, boolean torn) {
    }

    static ByteBuffer encode(IntakeRecord r) {
        byte[][] texts = {bytes(r.id()), bytes(r.idempotencyKey()), bytes(r.source()), bytes(r.origin()),
            bytes(r.type()), bytes(r.body()), bytes(r.destination()), bytes(r.action()), bytes(r.sender())};
        int length = Long.BYTES + Integer.BYTES;
        for (byte[] t : texts) {
            length += Integer.BYTES + (t == null ? 0 : t.length);
        }
        ByteBuffer out = ByteBuffer.allocate(HEADER + length);
        out.position(HEADER);
        out.putLong(r.receivedAt().getEpochSecond()).putInt(r.receivedAt().getNano());
        for (byte[] t : texts) {
            out.putInt(t == null ? -1 : t.length);
            if (t != null) {
                out.put(t);
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(out.array(), HEADER, length);
        out.putInt(0, length).putInt(Integer.BYTES, (int) crc.getValue());
        return out.flip();
    }

    static Read decode(ByteBuffer in) {
        List<IntakeRecord> records = new ArrayList<>();
        while (in.remaining() > 0) {
            if (in.remaining() < HEADER) {
                return new Read(records, true);
            }
            int length = in.getInt();
            int checksum = in.getInt();
            if (length < 0 || length > in.remaining()) {
                return new Read(records, true);
            }
            ByteBuffer content = in.slice(in.position(), length);
            CRC32C crc = new CRC32C();
            crc.update(content.duplicate());
            if ((int) crc.getValue() != checksum) {
                return new Read(records, true);
            }
            in.position(in.position() + length);
            records.add(record(content));
        }
        return new Read(records, false);
    }

    private static IntakeRecord record(ByteBuffer c) {
        Instant receivedAt = Instant.ofEpochSecond(c.getLong(), c.getInt());
        String id = text(c);
        String key = text(c);
        String source = text(c);
        String origin = text(c);
        String type = text(c);
        String body = text(c);
        String destination = text(c);
        String action = text(c);
        String sender = text(c);
        return IntakeRecord.append(id, key, source, origin, type, receivedAt, body, destination, action, sender);
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ByteBuffer c) {
        int n = c.getInt();
        if (n < 0) {
            return null;
        }
        String s = new String(c.array(), c.arrayOffset() + c.position(), n, StandardCharsets.UTF_8);
        c.position(c.position() + n);
        return s;
    }
}
