package dev.corral.platform.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSealerTest {
    private static final String TAG = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void aSealedValueOpensWithTheSameKeyTagAndName() {
        SecretSealer sealer = SecretSealer.forDataDir(dir);
        byte[] sealed = sealer.seal(TAG, "API_KEY", "s3cr3t-välue");
        assertEquals("s3cr3t-välue", sealer.open(TAG, "API_KEY", sealed));
    }

    @Test
    void theSealedFormDoesNotContainTheValue() {
        byte[] sealed = SecretSealer.forDataDir(dir).seal(TAG, "API_KEY", "plain-value-visible");
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("plain-value-visible"));
    }

    @Test
    void sealingTheSameValueTwiceUsesFreshNonces() {
        SecretSealer sealer = SecretSealer.forDataDir(dir);
        assertFalse(Arrays.equals(sealer.seal(TAG, "A", "same"), sealer.seal(TAG, "A", "same")));
    }

    @Test
    void aSealedValueMovedToAnotherSecretOrScriptDoesNotOpen() {
        SecretSealer sealer = SecretSealer.forDataDir(dir);
        byte[] sealed = sealer.seal(TAG, "API_KEY", "value");
        assertThrows(IllegalStateException.class, () -> sealer.open(TAG, "OTHER", sealed));
        assertThrows(IllegalStateException.class, () -> sealer.open("fedcba9876543210fedcba9876543210", "API_KEY", sealed));
    }

    @Test
    void anotherKeyFailsLoudly() {
        byte[] sealed = SecretSealer.forDataDir(dir).seal(TAG, "API_KEY", "value");
        SecretSealer other = new SecretSealer(new byte[32]);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.open(TAG, "API_KEY", sealed));
        assertTrue(e.getMessage().contains("API_KEY"));
    }

    @Test
    void anAlteredValueFailsToOpen() {
        SecretSealer sealer = SecretSealer.forDataDir(dir);
        byte[] sealed = sealer.seal(TAG, "API_KEY", "value");
        sealed[sealed.length - 1] ^= 1;
        assertThrows(IllegalStateException.class, () -> sealer.open(TAG, "API_KEY", sealed));
    }

    @Test
    void theKeyFileIsCreatedOnceReadableByTheOwnerOnlyAndReused() throws Exception {
        byte[] sealed = SecretSealer.forDataDir(dir).seal(TAG, "A", "v");
        Path key = dir.resolve("secrets.key");
        byte[] keyBytes = Files.readAllBytes(key);
        assertEquals(32, keyBytes.length);
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(key));
        assertEquals("v", SecretSealer.forDataDir(dir).open(TAG, "A", sealed));
        assertArrayEquals(keyBytes, Files.readAllBytes(key));
    }

    @Test
    void aKeyFileOfTheWrongSizeIsRefused() throws Exception {
        Files.write(dir.resolve("secrets.key"), new byte[16]);
        assertThrows(IllegalStateException.class, () -> SecretSealer.forDataDir(dir));
    }
}
