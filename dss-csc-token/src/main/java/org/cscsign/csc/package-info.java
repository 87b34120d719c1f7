/**
 * A client of the Cloud Signature Consortium (CSC) API, v1 and v2: {@link org.cscsign.csc.CscClient}
 * with its immutable {@link org.cscsign.csc.CscClientConfig}, typed responses, and one unchecked
 * exception hierarchy under {@link org.cscsign.csc.CscException}. Knows nothing of DSS.
 */
package org.cscsign.csc;
