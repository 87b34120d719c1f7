/**
 * The DSS adapter: {@link org.cscsign.token.CscSignatureToken}, a
 * {@link eu.europa.esig.dss.token.SignatureTokenConnection} (and {@link org.cscsign.token.BatchSignatureToken})
 * whose keys are CSC credentials and whose signatures come from {@code signatures/signHash}.
 */
package org.cscsign.token;
