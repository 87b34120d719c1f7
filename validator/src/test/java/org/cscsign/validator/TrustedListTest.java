package org.cscsign.validator;

import com.sun.net.httpserver.HttpServer;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.validator.TestSigner.Kind;
import org.cscsign.validator.TestSigner.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An ETSI TS 119 612 trusted list, built and XAdES-signed here, that lists the sandbox root as a
 * CA/QC service: loaded through DSS's TL job (offline, from a local file) it makes the root
 * trusted without any explicit trust anchor.
 */
class TrustedListTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    private static TestSigner listSigner;
    private static X509Certificate listSignerCertificate;
    private static X509Certificate otherCertificate;
    private static DSSDocument signedTrustedList;
    private static DSSDocument padesLt;

    @BeforeAll
    static void buildFixtures() {
        Sandbox sb = sandbox.get();
        listSigner = new TestSigner(sb, "ecp256");
        listSignerCertificate = listSigner.certificate();
        otherCertificate = sb.pki().credential("rsa2048").orElseThrow().certificate();
        DSSDocument unsigned = new InMemoryDocument(trustedListXml(sb.pki().rootCertificate())
                .getBytes(StandardCharsets.UTF_8), "tl.xml", MimeTypeEnum.XML);
        signedTrustedList = listSigner.sign(Kind.XADES_ENVELOPED, Level.B, unsigned);
        try (TestSigner rsa = new TestSigner(sb, "rsa2048")) {
            padesLt = rsa.sign(Kind.PADES, Level.LT, Documents.pdf());
        }
    }

    @AfterAll
    static void close() {
        listSigner.close();
    }

    private static Path write(Path dir, DSSDocument document) throws Exception {
        Path file = dir.resolve("trusted-list.xml");
        Files.write(file, Documents.bytes(document));
        return file;
    }

    @Test
    void trustedListMakesTheSandboxRootTrusted(@TempDir Path dir) throws Exception {
        Path tl = write(dir, signedTrustedList);

        ValidationResult result = DocumentValidator.builder().online(false).tlCacheDir(dir.resolve("cache"))
                .trustedList(tl, false, List.of(listSignerCertificate)).build()
                .validate(padesLt, List.of());

        assertThat(result.allPassed()).as("%s", result.signatures()).isTrue();
    }

    @Test
    void listOfTrustedListsLeadsToTheTrustedListThatMakesTheRootTrusted(@TempDir Path dir) throws Exception {
        Path tl = write(dir, signedTrustedList);
        DSSDocument unsignedLotl = new InMemoryDocument(listOfTrustedListsXml(tl.toUri(), listSignerCertificate)
                .getBytes(StandardCharsets.UTF_8), "lotl.xml", MimeTypeEnum.XML);
        Path lotl = dir.resolve("lotl.xml");
        try (TestSigner lotlSigner = new TestSigner(sandbox.get(), "rsa3072")) {
            Files.write(lotl, Documents.bytes(lotlSigner.sign(Kind.XADES_ENVELOPED, Level.B, unsignedLotl)));
            X509Certificate lotlSignerCertificate = lotlSigner.certificate();

            ValidationResult result = DocumentValidator.builder().online(false).tlCacheDir(dir.resolve("cache"))
                    .trustedList(lotl, true, List.of(lotlSignerCertificate)).build()
                    .validate(padesLt, List.of());

            assertThat(result.allPassed()).as("%s", result.signatures()).isTrue();
        }
    }

    @Test
    void trustedListDownloadedOnlineIsServedFromTheCacheOffline(@TempDir Path dir) throws Exception {
        byte[] list = Documents.bytes(signedTrustedList);
        AtomicInteger downloads = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/tl.xml", exchange -> {
            downloads.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.etsi.tsl+xml");
            exchange.sendResponseHeaders(200, list.length);
            try (var body = exchange.getResponseBody()) {
                body.write(list);
            }
        });
        server.start();
        URI location = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tl.xml");
        Path cache = dir.resolve("cache");
        try {
            ValidationResult online = DocumentValidator.builder().tlCacheDir(cache)
                    .trustedList(location, false, List.of(listSignerCertificate)).build()
                    .validate(padesLt, List.of());
            assertThat(online.allPassed()).as("%s", online.signatures()).isTrue();
            assertThat(downloads).hasValue(1);
        } finally {
            server.stop(0);
        }

        ValidationResult offline = DocumentValidator.builder().online(false).tlCacheDir(cache)
                .trustedList(location, false, List.of(listSignerCertificate)).build()
                .validate(padesLt, List.of());

        assertThat(offline.allPassed()).as("%s", offline.signatures()).isTrue();
        assertThat(downloads).hasValue(1);
    }

    @Test
    void withoutTheTrustedListTheSameSignatureIsIndeterminate() {
        ValidationResult result = DocumentValidator.builder().online(false).build().validate(padesLt, List.of());

        assertThat(result.signatures().get(0).indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(result.signatures().get(0).subIndication()).isEqualTo(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
    }

    @Test
    void trustedListNotSignedByAConfiguredSignerIsRefused(@TempDir Path dir) throws Exception {
        Path tl = write(dir, signedTrustedList);

        assertThatThrownBy(() -> DocumentValidator.builder().online(false).tlCacheDir(dir.resolve("cache"))
                .trustedList(tl, false, List.of(otherCertificate)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("trustedList: ")
                .hasMessageContaining("signature");
    }

    @Test
    void trustedListChangedAfterSigningIsRefused(@TempDir Path dir) throws Exception {
        String xml = new String(Documents.bytes(signedTrustedList), StandardCharsets.UTF_8)
                .replace("cscsign sandbox TSP", "cscsign sandbox TSQ");
        Path tl = write(dir, new InMemoryDocument(xml.getBytes(StandardCharsets.UTF_8), "tl.xml"));

        assertThatThrownBy(() -> DocumentValidator.builder().online(false).tlCacheDir(dir.resolve("cache"))
                .trustedList(tl, false, List.of(listSignerCertificate)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("trustedList: ");
    }

    @Test
    void remoteTrustedListIsNotDownloadedOffline(@TempDir Path dir) {
        Sandbox sb = sandbox.get();
        URI remote = URI.create(sb.baseUrl() + "/pki/trusted-list.xml");

        assertThatThrownBy(() -> DocumentValidator.builder().online(false).tlCacheDir(dir)
                .trustedList(remote, false, List.of(listSignerCertificate)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("could not be loaded");
        assertThat(sb.stats().snapshot().values().stream().mapToLong(Long::longValue).sum()).isZero();
    }

    /** A minimal TS 119 612 v5 list with one TSP whose CA/QC service is the given root. */
    private static String trustedListXml(X509Certificate root) {
        String providers = """
                <TrustServiceProviderList>
                <TrustServiceProvider>
                <TSPInformation>
                <TSPName><Name xml:lang="en">cscsign sandbox TSP</Name></TSPName>
                <TSPAddress>%s</TSPAddress>
                <TSPInformationURI><URI xml:lang="en">https://example.invalid/cscsign-tsp</URI></TSPInformationURI>
                </TSPInformation>
                <TSPServices>
                <TSPService>
                <ServiceInformation>
                <ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/CA/QC</ServiceTypeIdentifier>
                <ServiceName><Name xml:lang="en">cscsign sandbox root CA</Name></ServiceName>
                <ServiceDigitalIdentity><DigitalId><X509Certificate>%s</X509Certificate></DigitalId></ServiceDigitalIdentity>
                <ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted</ServiceStatus>
                <StatusStartingTime>2020-01-01T00:00:00Z</StatusStartingTime>
                </ServiceInformation>
                </TSPService>
                </TSPServices>
                </TrustServiceProvider>
                </TrustServiceProviderList>
                """.formatted(ADDRESS, base64(root));
        return listXml("http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric", "XX", "", providers);
    }

    /** A list of trusted lists pointing at one trusted list and naming the certificate that signs it. */
    private static String listOfTrustedListsXml(URI trustedList, X509Certificate trustedListSigner) {
        String pointers = """
                <PointersToOtherTSL>
                <OtherTSLPointer>
                <ServiceDigitalIdentities><ServiceDigitalIdentity><DigitalId><X509Certificate>%s</X509Certificate></DigitalId></ServiceDigitalIdentity></ServiceDigitalIdentities>
                <TSLLocation>%s</TSLLocation>
                <AdditionalInformation>
                <OtherInformation><TSLType>http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric</TSLType></OtherInformation>
                <OtherInformation><SchemeTerritory>XX</SchemeTerritory></OtherInformation>
                <OtherInformation><SchemeOperatorName><Name xml:lang="en">cscsign test scheme operator</Name></SchemeOperatorName></OtherInformation>
                <OtherInformation><tslx:MimeType xmlns:tslx="http://uri.etsi.org/02231/v2/additionaltypes#">application/vnd.etsi.tsl+xml</tslx:MimeType></OtherInformation>
                </AdditionalInformation>
                </OtherTSLPointer>
                </PointersToOtherTSL>
                """.formatted(base64(trustedListSigner), trustedList);
        return listXml("http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUlistofthelists", "EU", pointers, "");
    }

    private static final String ADDRESS = """
            <PostalAddresses><PostalAddress xml:lang="en"><StreetAddress>Loopback 1</StreetAddress><Locality>Localhost</Locality><PostalCode>127</PostalCode><CountryName>EU</CountryName></PostalAddress></PostalAddresses>
            <ElectronicAddress><URI xml:lang="en">mailto:operator@example.invalid</URI></ElectronicAddress>
            """;

    private static String listXml(String type, String territory, String pointers, String providers) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#" Id="cscsign-test-list" TSLTag="http://uri.etsi.org/19612/TSLTag">
                <SchemeInformation>
                <TSLVersionIdentifier>5</TSLVersionIdentifier>
                <TSLSequenceNumber>1</TSLSequenceNumber>
                <TSLType>%s</TSLType>
                <SchemeOperatorName><Name xml:lang="en">cscsign test scheme operator</Name></SchemeOperatorName>
                <SchemeOperatorAddress>%s</SchemeOperatorAddress>
                <SchemeName><Name xml:lang="en">%s: cscsign test list</Name></SchemeName>
                <SchemeInformationURI><URI xml:lang="en">https://example.invalid/cscsign-test-list</URI></SchemeInformationURI>
                <StatusDeterminationApproach>http://uri.etsi.org/TrstSvc/TrustedList/StatusDetn/EUappropriate</StatusDeterminationApproach>
                <SchemeTypeCommunityRules><URI xml:lang="en">http://uri.etsi.org/TrstSvc/TrustedList/schemerules/EUcommon</URI></SchemeTypeCommunityRules>
                <SchemeTerritory>%s</SchemeTerritory>
                <PolicyOrLegalNotice><TSLLegalNotice xml:lang="en">Test list for the cscsign sandbox only.</TSLLegalNotice></PolicyOrLegalNotice>
                <HistoricalInformationPeriod>65535</HistoricalInformationPeriod>
                %s<ListIssueDateTime>%s</ListIssueDateTime>
                <NextUpdate><dateTime>%s</dateTime></NextUpdate>
                </SchemeInformation>
                %s</TrustServiceStatusList>
                """.formatted(type, ADDRESS, territory, territory, pointers, now.minus(1, ChronoUnit.DAYS),
                now.plus(180, ChronoUnit.DAYS), providers);
    }

    private static String base64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
