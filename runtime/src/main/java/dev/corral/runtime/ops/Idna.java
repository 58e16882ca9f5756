package dev.corral.runtime.ops;

import com.ibm.icu.text.IDNA;
import java.util.EnumSet;
import java.util.Set;

/**
 * UTS #46 ToASCII with the flags of the URL Standard's "domain to ASCII": CheckBidi, CheckJoiners, nontransitional
 * processing, and CheckHyphens, UseSTD3ASCIIRules and VerifyDnsLength set to beStrict. The JS URL parser calls it
 * only for hosts that are not plain ASCII or hold an xn-- label, so isolates do not carry the mapping tables.
 */
public final class Idna {
    private static final int FLAGS = IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ | IDNA.NONTRANSITIONAL_TO_ASCII;
    private static final IDNA LENIENT = IDNA.getUTS46Instance(FLAGS);
    private static final IDNA STRICT = IDNA.getUTS46Instance(FLAGS | IDNA.USE_STD3_RULES);

    /** ICU always checks hyphens and DNS lengths; these are its reports of the checks that beStrict turns on. */
    private static final Set<IDNA.Error> STRICT_ONLY = EnumSet.of(IDNA.Error.EMPTY_LABEL, IDNA.Error.LABEL_TOO_LONG,
            IDNA.Error.DOMAIN_NAME_TOO_LONG, IDNA.Error.LEADING_HYPHEN, IDNA.Error.TRAILING_HYPHEN,
            IDNA.Error.HYPHEN_3_4);

    private Idna() {
    }

    /** Returns the ASCII form of domain, or null when UTS #46 processing fails. */
    public static String toAscii(String domain, boolean beStrict) {
        IDNA.Info info = new IDNA.Info();
        StringBuilder ascii = (beStrict ? STRICT : LENIENT).nameToASCII(domain, new StringBuilder(), info);
        Set<IDNA.Error> errors = info.getErrors();
        if (!errors.isEmpty() && (beStrict || !STRICT_ONLY.containsAll(errors))) return null;
        return ascii.toString();
    }
}
