package io.hazardwatch.alerts.attachments;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * The bytes of the enterprises' attachments, on disk under {@code <dir>/<incident id>/<attachment id>} — never in
 * Kafka, whose records carry only their metadata. A file is written to a temporary name, forced to disk and renamed,
 * so that a name the incident's metadata points to always holds a whole file. Blocking: call it off the event loop.
 */
public final class AttachmentStore {

    /** Incident ids ({@code Incident.idOf}) and attachment ids: no separators, never "." or "..". */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,250}");

    private final Path dir;

    public AttachmentStore(Path dir) {
        this.dir = dir;
    }

    /** Writes and fsyncs the file before returning: only then may its metadata be committed. */
    public void write(String incidentId, String attachmentId, byte[] bytes) throws IOException {
        Path target = pathOf(incidentId, attachmentId);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(attachmentId + ".part");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(target.getParent());
    }

    /** Where the file of an attachment is (it may be missing, e.g. after a disk was lost). */
    public Path pathOf(String incidentId, String attachmentId) {
        if (!SAFE_ID.matcher(incidentId).matches() || !SAFE_ID.matcher(attachmentId).matches()) {
            throw new IllegalArgumentException("not a safe id: " + incidentId + "/" + attachmentId);
        }
        return dir.resolve(incidentId).resolve(attachmentId);
    }

    /** The rename is durable once the directory is; some file systems cannot open a directory, which is no error. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: the file itself is on disk
        }
    }
}
