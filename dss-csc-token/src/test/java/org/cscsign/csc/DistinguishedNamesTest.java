package org.cscsign.csc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.security.auth.x500.X500Principal;

import static org.assertj.core.api.Assertions.assertThat;

/** Names are shown with the attribute names people know, never as OIDs with hex values. */
class DistinguishedNamesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "EMAILADDRESS=eva@example.org, CN=Eva|emailAddress=eva@example.org,CN=Eva",
            "CN=Eva, SERIALNUMBER=PNOSE-19800101-1234|CN=Eva,serialNumber=PNOSE-19800101-1234",
            "OID.2.5.4.97=VATSE-556677889901, O=Example AB|organizationIdentifier=VATSE-556677889901,O=Example AB",
            "OID.2.5.4.42=Eva, OID.2.5.4.4=Example, C=SE|GN=Eva,SN=Example,C=SE",
    })
    void attributesGetTheirUsualNames(String name, String shown) {
        assertThat(DistinguishedNames.display(new X500Principal(name))).isEqualTo(shown);
    }

    @Test
    void noOidIsLeftForTheCommonAttributes() {
        String shown = DistinguishedNames.display(new X500Principal(
                "CN=Eva, EMAILADDRESS=eva@example.org, SERIALNUMBER=1, OID.2.5.4.97=X, OID.2.5.4.42=E, OID.2.5.4.4=S, C=SE"));
        assertThat(shown).doesNotContain("#").doesNotContain("2.5.4").doesNotContain("1.2.840");
    }
}
