/**
 * Wire details of the CSC client, not API: JSON building and strict parsing for v1/v2 field names
 * ({@link org.cscsign.csc.internal.WireMapper}), HTTP execution and the okhttp interceptors for
 * retries and authentication. May change without notice.
 */
package org.cscsign.csc.internal;
