package dev.umhub.ingest.inbox;

import dev.umhub.ingest.Quarantine;
import dev.umhub.support.Sha256;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox's file filter: what the file consumer may not read is refused once, here, before Camel locks or opens
 * it. A symbolic link (it could point anywhere on the machine) and anything but a regular file are never followed; a
 * name too long to carry Camel's lock and archive suffixes would fail on every poll. Each is moved to {@code .failed/}
 * under a short name with a {@code .reason} file beside it, and kept in the quarantine.
 */
public class InboxFileGuard implements GenericFileFilter<File> {

    private static final Logger log = LoggerFactory.getLogger(InboxFileGuard.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);
    static final String ROUTE = "inbox-files";

    private final Quarantine quarantine;
    private final int maxNameLength;
    private final int maxBodyBytes;
    private final Clock clock;

    public InboxFileGuard(Quarantine quarantine, InboxProperties properties, int maxBodyBytes, Clock clock) {
        this.quarantine = quarantine;
        this.maxNameLength = Math.max(16, properties.getMaxFileNameLength());
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        String name = file.getFileNameOnly();
        if (file.isDirectory() || name == null || !name.endsWith(".json")) {
            return !file.isDirectory(); // other names: the route's include pattern decides
        }
        Path path = file.getFile().toPath();
        if (Files.isSymbolicLink(path)) {
            refuse(path, name, "a symbolic link: umhub reads no file through a link, it could point anywhere", false);
            return false;
        }
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            refuse(path, name, "not a regular file", false);
            return false;
        }
        if (name.length() > maxNameLength) {
            refuse(path, name, "a file name of " + name.length() + " characters; at most " + maxNameLength
                    + " are taken (umhub.sources.inbox.max-file-name-length)", true);
            return false;
        }
        return true;
    }

    private void refuse(Path path, String name, String why, boolean readBody) {
        byte[] body = null;
        long size = 0;
        if (readBody) {
            try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
                size = Files.size(path);
                body = in.readNBytes(maxBodyBytes);
            } catch (IOException unreadable) {
                body = null;
            }
        }
        quarantine.keep(ROUTE, shortName(name, 200), "file", null, 400, "Refused file: " + why, body, size);
        Path failed = path.getParent().resolve(".failed");
        String kept = "refused-" + STAMP.format(clock.instant()) + "-" + digest(name) + ".json";
        try {
            Files.createDirectories(failed);
            Files.move(path, failed.resolve(kept), StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(failed.resolve(kept + ".reason"), "file: " + name + "\nrefused: " + why + "\n",
                    StandardCharsets.UTF_8);
            log.warn("Inbox file {} refused ({}); moved to .failed/{}", shortName(name, 80), why, kept);
        } catch (IOException e) {
            log.error("Inbox file {} refused ({}) but could not be moved aside: {}", shortName(name, 80), why,
                    e.getMessage());
        }
    }

    private static String shortName(String name, int max) {
        return name.length() <= max ? name : name.substring(0, max) + "...";
    }

    private static String digest(String name) {
        return HexFormat.of().formatHex(Sha256.of(name), 0, 4);
    }
}
