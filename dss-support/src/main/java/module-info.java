/**
 * What cscsign's signer and validator share about DSS: the DSS data loaders, trust anchors, the
 * self-validation SPI and the library's root exception. A named module so that {@code org.cscsign.csc}
 * (dss-csc-token), whose exceptions extend {@link org.cscsign.dss.CscSignException}, can be one.
 */
module org.cscsign.dss {
    requires transitive jpms_dss_model;
    requires transitive jpms_dss_spi;
    requires transitive jpms_dss_service;
    requires transitive jpms_dss_pades;
    requires transitive jpms_dss_pades_pdfbox;
    requires transitive org.apache.httpcomponents.core5.httpcore5;
    requires org.slf4j;

    exports org.cscsign.dss;

    uses org.cscsign.dss.SelfValidatorFactory;
}
