package dev.umhub.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Arrays;
import java.util.Map;

/** Writes a rules version's files into the rules folder (a rollback), so the folder stays the truth. */
final class RulesFolderWriter {

    private RulesFolderWriter() {
    }

    /**
     * Makes the folder's rule files exactly {@code files}: changed ones written atomically (a temporary file beside
     * it, then a move, so the watcher never reads half a file), rule files the version does not have deleted.
     * Files that are not rule files (notes, backups, an editor's swap file) are never touched.
     */
    static void write(Path directory, RuleFiles files) {
        write(directory, null, files);
    }

    /**
     * As {@link #write(Path, RuleFiles)}, with the folder's rule files already read: {@code present}, or null to read
     * them here.
     */
    static void write(Path directory, RuleFiles present, RuleFiles files) {
        try {
            Files.createDirectories(directory);
            Path real = directory.toRealPath();
            Map<String, byte[]> presentFiles = (present != null ? present : RuleFiles.read(directory)).all();
            for (Map.Entry<String, byte[]> file : files.all().entrySet()) {
                if (!Arrays.equals(file.getValue(), presentFiles.get(file.getKey()))) {
                    writeAtomically(real, file.getKey(), file.getValue());
                }
            }
            for (String name : presentFiles.keySet()) {
                if (!files.all().containsKey(name)) {
                    Files.deleteIfExists(inside(real, name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rules folder " + directory, e);
        }
    }

    private static void writeAtomically(Path directory, String name, byte[] bytes) throws IOException {
        Path target = inside(directory, name);
        Files.createDirectories(target.getParent());
        if (!target.getParent().toRealPath().startsWith(directory)) {
            throw new IOException("rule file " + name + " would be written outside the rules folder (a link)");
        }
        // a name that is no rule file while being written (".x.tmp"), so the watcher never reads it
        Path temp = Files.createTempFile(target.getParent(), ".umhub-", ".tmp");
        try {
            Files.write(temp, bytes);
            keepPermissions(target, temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A temporary file is created readable by its owner only; the file it replaces keeps the permissions it had (or
     * gets the folder's usual ones, a new file's), so a rollback does not lock out whoever reads the rules.
     */
    private static void keepPermissions(Path target, Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (view == null) {
            return; // not a POSIX file system: nothing to keep
        }
        if (Files.exists(target)) {
            view.setPermissions(Files.getPosixFilePermissions(target));
        } else {
            view.setPermissions(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** The file's path, refused when its name is no rule file's or leads out of the folder. */
    private static Path inside(Path directory, String name) throws IOException {
        Path p = directory.resolve(name).normalize();
        if (!RuleFiles.isRuleFile(name) || !p.startsWith(directory) || p.equals(directory)) {
            throw new IOException("not a rule file of the rules folder: " + name);
        }
        return p;
    }
}
