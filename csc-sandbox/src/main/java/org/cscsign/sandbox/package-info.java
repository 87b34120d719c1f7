/**
 * The sandbox: a local, strict Cloud Signature Consortium (CSC) signing service for development and
 * tests. {@link org.cscsign.sandbox.Sandbox} serves the CSC API (v2 and v1, or the BankID B2B profile
 * with DPoP), an OAuth2 token endpoint, OCSP, CRLs and an RFC 3161 TSA on 127.0.0.1, backed by the
 * test PKI of {@link org.cscsign.sandbox.pki}. {@link org.cscsign.sandbox.Faults} makes signHash
 * misbehave on purpose and {@link org.cscsign.sandbox.Stats} counts requests.
 *
 * <p>Choices where the protocol leaves room, documented here because clients meet them:
 * <ul>
 *   <li>BANKID profile: a {@code SAD} in a signHash body is <em>rejected</em> (400 invalid_request), as
 *       the service authorizes by the DPoP-bound access token alone; scope {@code esign/b2b} is required.</li>
 *   <li>A SAD is counted: each hash uses one signature of its {@code numSignatures}, across calls,
 *       in v1 and v2 alike; {@code credentials/extendTransaction} moves what is left to a new SAD and
 *       invalidates the old one. At SCAL 2 each authorized hash can be signed once.</li>
 *   <li>{@code signatures/timestamp} {@code nonce}: all decimal digits are read as a decimal number,
 *       anything else (optionally {@code 0x}-prefixed) as hex.</li>
 *   <li>Content types are checked: JSON bodies need {@code application/json} (else 415), the token
 *       endpoint needs a form body (else 400 invalid_request).</li>
 *   <li>v1 requests without a hash algorithm accept 32-, 48- and 64-byte hashes.</li>
 *   <li>Authorization server (STANDARD at {@code /oauth2/*}, PRIMESIGN at a Keycloak-like realm): the
 *       redirect carries {@code iss} (RFC 9207); hashes in the authorization request are Base64url,
 *       standard Base64 and padding are tolerated; {@code numSignatures} defaults to the number of hashes;
 *       a refresh token is not rotated (it stays valid until it expires); a code that fails its exchange
 *       (wrong verifier, redirect URI) is spent; the consent page allows three wrong PINs.</li>
 * </ul>
 */
package org.cscsign.sandbox;
