/**
 * What cscsign's signer and validator share about EU DSS: {@link org.cscsign.dss.DataLoaders} (every DSS
 * network access, replaceable, online or offline), {@link org.cscsign.dss.TrustAnchors} (reading roots from
 * PEM, DER, PKCS#12 and JKS files) and the self-validation SPI ({@link org.cscsign.dss.SelfValidator},
 * {@link org.cscsign.dss.SelfValidatorFactory}) that lets {@code signer-core} validate its outputs without
 * depending on the {@code validator} module at compile time.
 */
package org.cscsign.dss;
