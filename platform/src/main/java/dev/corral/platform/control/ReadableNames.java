package dev.corral.platform.control;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;

/** Generates names such as {@code calm-otter-3fa9} for namespaces created without one. */
final class ReadableNames {
    private static final List<String> ADJECTIVES = List.of("amber", "bold", "brisk", "calm", "clever", "crisp", "eager",
            "fair", "gentle", "golden", "green", "keen", "kind", "lively", "lucky", "mellow", "merry", "nimble", "proud",
            "quiet", "rapid", "silver", "steady", "sunny", "swift", "tidy", "vivid", "warm", "wise", "young");
    private static final List<String> NOUNS = List.of("badger", "bison", "cedar", "comet", "crane", "delta", "falcon",
            "fern", "fox", "harbor", "heron", "island", "lake", "lynx", "maple", "meadow", "otter", "owl", "pine", "prairie",
            "raven", "reef", "river", "sparrow", "spruce", "summit", "tiger", "valley", "willow", "wren");

    private final RandomGenerator random;

    ReadableNames() {
        this(new SecureRandom());
    }

    ReadableNames(RandomGenerator random) {
        this.random = random;
    }

    String next() {
        byte[] suffix = new byte[2];
        random.nextBytes(suffix);
        return ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "-" + NOUNS.get(random.nextInt(NOUNS.size())) + "-"
                + HexFormat.of().formatHex(suffix);
    }
}
