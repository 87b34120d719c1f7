/**
 * Internals of signer-core: per-format DSS services and parameters, the offline OCSP/CRL sources that
 * carry the signHash validation data into DSS, and OCSP parsing. Not an API: may change at any time.
 */
package org.cscsign.signer.internal;
