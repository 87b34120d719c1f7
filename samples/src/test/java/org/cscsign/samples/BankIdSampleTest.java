package org.cscsign.samples;

import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.validator.DocumentValidator;
import org.cscsign.validator.SignatureSummary;
import org.cscsign.validator.ValidationResult;

import eu.europa.esig.dss.enumerations.Indication;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The BankID sample against the sandbox's bankid profile: DPoP, no SAD, BasicOCSPResponse. */
class BankIdSampleTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.bankid();

    @Test
    void bankIdSampleSignsAPdfAtLtWithTheOcspFromSignHash(Sandbox sandbox, @TempDir Path dir) throws Exception {
        Path pdf = SampleFiles.pdf(dir.resolve("agreement.pdf"), 3);

        Path signed = SignPdfWithBankId.sign(sandbox.cscUrl(), sandbox.tokenUrl(), sandbox.clientId(),
                sandbox.clientSecret(), sandbox.tsaUrl(), sandbox.trustAnchor(), pdf, dir.resolve("out"));

        assertThat(sandbox.stats().ocspRequestsFor(sandbox.credentialIds().get(0)))
                .as("the leaf's OCSP came from signHash, not from the responder").isZero();
        assertThat(signed.getFileName().toString()).isEqualTo("agreement-signed.pdf");
        ValidationResult result = DocumentValidator.builder().trustAnchorFile(sandbox.trustAnchor()).build()
                .validate(signed, List.of());
        SignatureSummary summary = result.signatures().get(0);
        assertThat(summary.indication()).as("%s", summary.errors()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(summary.format()).isEqualTo("PAdES-BASELINE-LT");
    }
}
