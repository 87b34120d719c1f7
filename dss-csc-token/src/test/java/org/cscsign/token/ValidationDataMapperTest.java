package org.cscsign.token;

import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.cscsign.csc.CscResponseException;
import org.cscsign.csc.ValidationInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** validationInfo entries DSS could not use are refused, naming the entry. */
class ValidationDataMapperTest {

    @Test
    void ocspThatIsNotDerIsRefusedNamingTheEntry() {
        ValidationInfo info = new ValidationInfo(List.of(new byte[]{0x30, 0x03, 0x0a}), List.of(), List.of());
        assertThatThrownBy(() -> ValidationDataMapper.map(info)).isInstanceOf(CscResponseException.class)
                .hasMessageContaining("validationInfo.ocsp[0]");
    }

    @Test
    void ocspResponseWithUnsuccessfulStatusIsRefused() throws Exception {
        byte[] tryLater = new OCSPResponse(new OCSPResponseStatus(OCSPResponseStatus.TRY_LATER), null).getEncoded("DER");
        ValidationInfo info = new ValidationInfo(List.of(tryLater), List.of(), List.of());
        assertThatThrownBy(() -> ValidationDataMapper.map(info)).isInstanceOf(CscResponseException.class)
                .hasMessageContaining("validationInfo.ocsp[0]").hasMessageContaining("status 3");
    }

    @Test
    void crlAndCertificateThatDoNotParseAreRefused() {
        assertThatThrownBy(() -> ValidationDataMapper.map(new ValidationInfo(List.of(), List.of(new byte[]{1, 2}), List.of())))
                .isInstanceOf(CscResponseException.class).hasMessageContaining("validationInfo.crl[0]");
        assertThatThrownBy(() -> ValidationDataMapper.map(new ValidationInfo(List.of(), List.of(), List.of(new byte[]{1}))))
                .isInstanceOf(CscResponseException.class).hasMessageContaining("validationInfo.certificates[0]");
    }
}
