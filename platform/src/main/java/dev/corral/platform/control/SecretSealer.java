package dev.corral.platform.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secret values at rest with AES-256-GCM. Each sealed value is bound (as additional authenticated data) to
 * the script tag and secret name it was sealed for, so a sealed value copied to another secret or script fails to open
 * instead of leaking under a different name.
 *
 * <p>Sealed layout: one format byte, the 12-byte random nonce, then ciphertext with the 16-byte GCM tag.
 */
public final class SecretSealer {
    private static final String KEY_FILE = "secrets.key";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte FORMAT = 1;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretSealer(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("A secrets key is " + KEY_BYTES + " bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /**
     * The sealer whose key is {@code <dataDir>/secrets.key}, creating the key (readable by the owner only) on first
     * start.
     */
    public static SecretSealer forDataDir(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                createKey(file);
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != KEY_BYTES) {
                throw new IllegalStateException(file + " holds " + key.length + " bytes; a secrets key is " + KEY_BYTES
                        + ". Restore the original key: without it no stored secret can be opened.");
            }
            return new SecretSealer(key);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secrets key " + file, e);
        }
    }

    private static void createKey(Path file) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(file.getParent());
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException raced) {
            return; // another process created it first; use theirs
        }
        Files.write(file, key, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    }

    public byte[] seal(String scriptTag, String secretName, String value) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, scriptTag, secretName);
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** @throws IllegalStateException if the value was sealed with another key, for another secret, or was altered. */
    public String open(String scriptTag, String secretName, byte[] sealed) {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT) {
            throw cannotOpen(scriptTag, secretName, null);
        }
        byte[] nonce = Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, scriptTag, secretName);
            byte[] clear = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
            return new String(clear, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw cannotOpen(scriptTag, secretName, e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String scriptTag, String secretName) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        // The tag is 32 hex characters, so tag + name splits in exactly one way.
        cipher.updateAAD((scriptTag + "/" + secretName).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static IllegalStateException cannotOpen(String scriptTag, String secretName, Exception cause) {
        return new IllegalStateException("Secret '" + secretName + "' of script " + scriptTag
                + " cannot be opened: it was sealed with another secrets.key, for another secret, or was altered", cause);
    }
}
