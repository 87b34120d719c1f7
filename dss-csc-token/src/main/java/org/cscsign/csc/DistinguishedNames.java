package org.cscsign.csc;

import javax.security.auth.x500.X500Principal;
import java.util.Map;

/**
 * Distinguished names as people read them: RFC 2253 order with the usual attribute names
 * ({@code emailAddress=}, {@code serialNumber=}, {@code organizationIdentifier=}) instead of the bare
 * OIDs the JDK prints for attributes it does not name.
 */
public final class DistinguishedNames {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("1.2.840.113549.1.9.1", "emailAddress"),
            Map.entry("2.5.4.5", "serialNumber"),
            Map.entry("2.5.4.4", "SN"),
            Map.entry("2.5.4.42", "GN"),
            Map.entry("2.5.4.43", "initials"),
            Map.entry("2.5.4.12", "title"),
            Map.entry("2.5.4.13", "description"),
            Map.entry("2.5.4.17", "postalCode"),
            Map.entry("2.5.4.9", "STREET"),
            Map.entry("2.5.4.46", "dnQualifier"),
            Map.entry("2.5.4.65", "pseudonym"),
            Map.entry("2.5.4.97", "organizationIdentifier"),
            Map.entry("2.5.4.44", "generationQualifier"),
            Map.entry("0.9.2342.19200300.100.1.1", "UID"),
            Map.entry("0.9.2342.19200300.100.1.25", "DC"));

    private DistinguishedNames() {
    }

    /**
     * @param name a distinguished name
     * @return it in RFC 2253 order with attribute names, e.g. {@code CN=Eva,emailAddress=eva@example.org,C=SE}
     */
    public static String display(X500Principal name) {
        return name.getName(X500Principal.RFC2253, NAMES);
    }
}
