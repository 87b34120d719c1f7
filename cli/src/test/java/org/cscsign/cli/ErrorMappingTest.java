package org.cscsign.cli;

import eu.europa.esig.dss.model.DSSException;
import org.cscsign.csc.CscAuthorizationException;
import org.cscsign.csc.CscConnectionLostException;
import org.cscsign.dss.CscSignException.Family;
import org.cscsign.signer.BadDocumentException;
import org.cscsign.signer.CertificateRevokedException;
import org.cscsign.signer.OutputException;
import org.cscsign.signer.RemoteServiceException;
import org.cscsign.validator.NotASignedDocumentException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One table maps every family of the library's errors to the exit code DESIGN.md fixes. */
class ErrorMappingTest {

    @Test
    void everyFamilyHasItsExitCode() {
        assertThat(ErrorMapping.EXIT_CODES).containsOnlyKeys(Family.values());
    }

    @Test
    void familiesMapAsTheDesignSays() {
        assertThat(ErrorMapping.exitCode(new CscConnectionLostException("signatures/signHash", 0, "lost", null)))
                .isEqualTo(ExitCode.REMOTE);
        assertThat(ErrorMapping.exitCode(new BadDocumentException("a.pdf", "not a PDF", null))).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(ErrorMapping.exitCode(new NotASignedDocumentException("no signature in a.pdf"))).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(ErrorMapping.exitCode(new OutputException("output folder out is not writable", null))).isEqualTo(ExitCode.USAGE);
        assertThat(ErrorMapping.exitCode(new CertificateRevokedException("revoked"))).isEqualTo(ExitCode.REFUSED);
    }

    @Test
    void aRefusalAnywhereInTheChainWins() {
        CscAuthorizationException pin = new CscAuthorizationException("credentials/authorize", 400, "invalid_pin", null,
                "credentials/authorize failed: HTTP 400 invalid_pin", null);
        RemoteServiceException outer = new RemoteServiceException("the signing service failed",
                new DSSException("CSC signing failed", pin));
        assertThat(ErrorMapping.exitCode(outer)).isEqualTo(ExitCode.REFUSED);
        assertThat(ErrorMapping.message(outer)).contains("invalid_pin");
    }

    @Test
    void javaClassNamesAreDroppedFromTheLine() {
        assertThat(ErrorMapping.withoutJavaNames("bad TSP answer: java.lang.IllegalArgumentException: unknown tag 28"))
                .isEqualTo("bad TSP answer: unknown tag 28");
    }
}
