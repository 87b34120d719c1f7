package org.cscsign.cli;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.Digest;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscProfile;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.token.CscSignatureToken;
import org.cscsign.token.SignedBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's pooling of batches, against the BankID sandbox through the real CSC token. */
class PoolingTokenTest {

    @RegisterExtension
    static SandboxExtension bankid = SandboxExtension.bankid();

    static CscClient client;
    static CscSignatureToken token;
    static DSSPrivateKeyEntry key;

    @BeforeAll
    static void connect() {
        Sandbox sandbox = bankid.get();
        client = CscClient.builder().profile(CscProfile.BANKID).baseUrl(sandbox.cscUrl()).tokenUrl(sandbox.tokenUrl())
                .clientCredentials(sandbox.clientId(), ClientAuthentication.clientSecretBasic(sandbox.clientSecret()))
                .buildClient();
        token = CscSignatureToken.builder().client(client).credentialIds("rsa2048").build();
        key = token.getKeys().get(0);
    }

    @AfterAll
    static void disconnect() {
        token.close();
        client.close();
    }

    private static List<Digest> digests(String... texts) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        return java.util.Arrays.stream(texts)
                .map(t -> new Digest(DigestAlgorithm.SHA256, sha256.digest(t.getBytes(StandardCharsets.UTF_8))))
                .toList();
    }

    @Test
    void batchesOfConcurrentPartiesShareOneSignHashCall() throws Exception {
        PoolingToken pooled = new PoolingToken(token, 2);

        CompletableFuture<SignedBatch> first = CompletableFuture.supplyAsync(() -> signAndWithdraw(pooled, "a", "b"));
        CompletableFuture<SignedBatch> second = CompletableFuture.supplyAsync(() -> signAndWithdraw(pooled, "c", "d", "e"));

        assertThat(first.get(60, TimeUnit.SECONDS).signatureValues()).hasSize(2);
        assertThat(second.get(60, TimeUnit.SECONDS).signatureValues()).hasSize(3);
        assertThat(pooled.signHashCalls()).isEqualTo(1);
        assertThat(bankid.get().stats().count("/v0/b2b/csc/v2/signatures/signHash")).isEqualTo(1);
    }

    @Test
    void aPartyThatWithdrawsDoesNotBlockTheOthers() throws Exception {
        PoolingToken pooled = new PoolingToken(token, 2);

        CompletableFuture<SignedBatch> signing = CompletableFuture.supplyAsync(() -> signAndWithdraw(pooled, "x"));
        pooled.withdraw();

        assertThat(signing.get(60, TimeUnit.SECONDS).signatureValues()).hasSize(1);
    }

    private static SignedBatch signAndWithdraw(PoolingToken pooled, String... texts) {
        try {
            return pooled.signDigests(digests(texts), SignatureAlgorithm.RSA_SHA256, key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pooled.withdraw();
        }
    }
}
