package org.cscsign.validator;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pairing of detached contents with their signatures, by name, explicitly, or refused as ambiguous. */
class DetachedContentsTest {

    private static final Path ALPHA_SIG = Path.of("in/alpha.txt.p7s");
    private static final Path BETA_SIG = Path.of("in/beta.p7s");
    private static final Path XADES_SIG = Path.of("in/signature.xades.xml");
    private static final Path PDF = Path.of("in/signed.pdf");
    private static final Path ALPHA = Path.of("data/alpha.txt");
    private static final Path BETA = Path.of("data/beta.txt");
    private static final Path INVOICE = Path.of("data/invoice.xml");

    /** CAdES detached signatures name nothing; the XAdES names invoice.xml; the PDF is not detached. */
    private static Optional<List<String>> names(Path file) {
        if (file.equals(PDF)) {
            return Optional.empty();
        }
        return Optional.of(file.equals(XADES_SIG) ? List.of("invoice.xml") : List.of());
    }

    @Test
    void contentsGivenAloneArePairedByFileNameAndReferenceName() {
        Map<Path, List<Path>> pairs = DetachedContents.pair(List.of(PDF, ALPHA_SIG, BETA_SIG, XADES_SIG), Map.of(),
                List.of(INVOICE, BETA, ALPHA), DetachedContentsTest::names);

        assertThat(pairs).containsExactly(Map.entry(ALPHA_SIG, List.of(ALPHA)), Map.entry(BETA_SIG, List.of(BETA)),
                Map.entry(XADES_SIG, List.of(INVOICE)));
    }

    @Test
    void explicitPairsWinOverNames() {
        Map<Path, List<Path>> pairs = DetachedContents.pair(List.of(ALPHA_SIG, BETA_SIG),
                Map.of(ALPHA_SIG.toAbsolutePath(), List.of(BETA)), List.of(), DetachedContentsTest::names);

        assertThat(pairs).containsExactly(Map.entry(ALPHA_SIG, List.of(BETA)));
    }

    @Test
    void theOnlyDetachedSignatureTakesAContentOfAnyName() {
        Path other = Path.of("data/scan-0001.bin");

        assertThat(DetachedContents.pair(List.of(PDF, ALPHA_SIG), Map.of(), List.of(other), DetachedContentsTest::names))
                .containsExactly(Map.entry(ALPHA_SIG, List.of(other)));
    }

    @Test
    void contentMatchingNoneOfSeveralSignaturesIsRefusedNamingTheFiles() {
        Path other = Path.of("data/scan-0001.bin");

        assertThatThrownBy(() -> DetachedContents.pair(List.of(ALPHA_SIG, BETA_SIG), Map.of(), List.of(other),
                DetachedContentsTest::names))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scan-0001.bin").hasMessageContaining("alpha.txt.p7s").hasMessageContaining("beta.p7s");
    }

    @Test
    void unnamedSignatureMatchingTwoContentsIsRefused() {
        Path alphaPdf = Path.of("data/alpha.txt");
        Path alphaOther = Path.of("other/alpha.txt");

        assertThatThrownBy(() -> DetachedContents.pair(List.of(ALPHA_SIG, BETA_SIG), Map.of(),
                List.of(alphaPdf, alphaOther), DetachedContentsTest::names))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alpha.txt.p7s").hasMessageContaining("several contents");
    }

    @Test
    void explicitPairForAFileNotValidatedIsRefused() {
        assertThatThrownBy(() -> DetachedContents.pair(List.of(ALPHA_SIG), Map.of(Path.of("in/gone.p7s"), List.of(ALPHA)),
                List.of(), DetachedContentsTest::names))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gone.p7s");
    }

    @Test
    void contentWithoutAnyDetachedSignatureIsRefused() {
        assertThatThrownBy(() -> DetachedContents.pair(List.of(PDF), Map.of(), List.of(ALPHA), DetachedContentsTest::names))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha.txt");
    }

    @Test
    void stemDropsTheSignatureSuffix() {
        assertThat(DetachedContents.stem("contract.pdf.p7s")).isEqualTo("contract.pdf");
        assertThat(DetachedContents.stem("contract.xades.xml")).isEqualTo("contract");
        assertThat(DetachedContents.stem("contract.JWS.JSON")).isEqualTo("contract");
        assertThat(DetachedContents.stem("minutes.txt.tsr")).isEqualTo("minutes.txt");
        assertThat(DetachedContents.stem("contract.pdf")).isNull();
    }
}
