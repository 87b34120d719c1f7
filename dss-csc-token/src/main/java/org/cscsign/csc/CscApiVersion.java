package org.cscsign.csc;

/** The CSC API version, which decides the field names on the wire. */
public enum CscApiVersion {
    /** CSC v1 (1.0.4.0): {@code hash}, {@code hashAlgo}, top-level {@code PIN}/{@code OTP}, {@code authMode}. */
    V1,
    /** CSC v2 (2.0.0.2, 2.1): {@code hashes}, {@code hashAlgorithmOID}, {@code authData}, {@code auth{}}. */
    V2
}
