package org.cscsign.csc;

import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * What the CSC specification asks of a client that receives a {@code signatures/timestamp} answer:
 * the token covers the hash that was sent, and carries the nonce when one was sent ("otherwise the
 * response SHALL be rejected").
 */
final class TimestampChecks {

    private static final String METHOD = "signatures/timestamp";

    private TimestampChecks() {
    }

    static void check(byte[] der, byte[] hash, HashAlgorithm algorithm, BigInteger nonce) {
        TimeStampTokenInfo info;
        try {
            info = new TimeStampToken(new CMSSignedData(der)).getTimeStampInfo();
        } catch (CMSException | TSPException | IOException | RuntimeException e) {
            throw refused("the timestamp is not an RFC 3161 TimeStampToken");
        }
        if (!algorithm.oid().equals(info.getMessageImprintAlgOID().getId())
                || !Arrays.equals(hash, info.getMessageImprintDigest())) {
            throw refused("the timestamp covers another hash than the one sent");
        }
        if (nonce != null && !nonce.equals(info.getNonce())) {
            throw refused("the timestamp does not carry the nonce that was sent");
        }
    }

    private static CscResponseException refused(String why) {
        return new CscResponseException(METHOD, 200, null, null, METHOD + " refused: " + why, null);
    }
}
