package org.cscsign.sandbox.pki;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files of a sandbox state dir that hold secrets (the OAuth2 client secret) or private keys: created
 * readable and writable by the owner only (0600 on POSIX file systems), never for a moment with the
 * permissions the umask would give.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    /**
     * Writes {@code content} to {@code file}, creating it 0600 (an existing file is narrowed to 0600 first).
     *
     * @param file the file
     * @param content its new content
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, byte[] content) throws IOException {
        if (Files.exists(file)) {
            restrict(file);
        }
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try (SeekableByteChannel channel = POSIX
                ? Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.newByteChannel(file, options)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    /**
     * Copies a secret file, the copy 0600 whatever the original's permissions.
     *
     * @param from the original
     * @param to the copy (replaced when it exists)
     * @throws IOException when the copy fails
     */
    public static void copy(Path from, Path to) throws IOException {
        write(to, Files.readAllBytes(from));
    }

    /**
     * @param file an existing file
     * @throws IOException when its permissions cannot be changed
     */
    public static void restrict(Path file) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    /**
     * Copies a file of the state dir: private keys ({@code *.key.pem}, {@code *-key.pem}) and properties
     * holding secrets stay 0600, certificates and public keys get the usual permissions.
     *
     * @param from the original
     * @param to the copy
     * @throws IOException when the copy fails
     */
    public static void copyKeepingSecretsPrivate(Path from, Path to) throws IOException {
        String name = from.getFileName().toString();
        if (name.endsWith(".pub.pem") || name.endsWith(".crt") || name.equals("root.pem")) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } else {
            copy(from, to);
        }
    }
}
