package org.cscsign.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTML of the authorization endpoint: the consent page (who signs, how many documents and which,
 * a PIN field, Approve and Deny, with the stable element ids {@code pin}, {@code approve}, {@code deny}
 * and {@code error}) and the error page for requests that cannot be redirected. Every value from the
 * request is HTML-escaped; the page loads nothing and runs no script.
 */
final class ConsentPage {
    /**
     * Who signs (null fields for scope service).
     *
     * @param signerName the common name of the credential's certificate subject
     * @param signerDn the whole subject DN
     * @param credentialDescription the credential's description
     */
    record Subject(String signerName, String signerDn, String credentialDescription) {
    }

    private static final String STYLE = "body{font-family:system-ui,sans-serif;background:#f4f6f8;color:#1d2733;margin:0}"
            + "main{max-width:34rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:8px;"
            + "box-shadow:0 1px 4px rgba(0,0,0,.15)}h1{font-size:1.4rem;margin-top:0}dt{font-weight:600;margin-top:.6rem}"
            + "dd{margin-left:0;word-break:break-word}ol{padding-left:1.3rem}label{display:block;font-weight:600;margin-top:1.2rem}"
            + "input[type=password]{font-size:1.1rem;padding:.4rem;width:10rem}"
            + ".buttons{margin-top:1.4rem;display:flex;gap:.8rem}button{font-size:1rem;padding:.5rem 1.4rem;border-radius:4px;"
            + "border:1px solid #1f4e79;cursor:pointer}#approve{background:#1f4e79;color:#fff}#deny{background:#fff;color:#1f4e79}"
            + "#error{color:#a4000f;font-weight:600}.note{color:#5a6673;font-size:.85rem;margin-top:1.6rem}";

    private final String consentPath;

    ConsentPage(String consentPath) {
        this.consentPath = consentPath;
    }

    /** The words of the page in one language ({@code lang=de…} gets German, anything else English). */
    private record Texts(String signTitle, String serviceTitle, String theApplication, String asksToSign,
            String document, String documents, String asksForService, String signer, String credential,
            String docs, String notBound, String account, String approve, String deny, String note, String wrongPin,
            String attemptLeft, String attemptsLeft) {
    }

    private static final Texts EN = new Texts("Authorize signing", "Sign in to your signing account", "The application",
            "asks you to sign", "document", "documents",
            "asks to use your signing account: list your credentials and their certificates.", "Signer", "Credential",
            "Documents", "not bound to hashes", "Account", "Approve", "Deny",
            "cscsign sandbox – a test service. The PIN is the sandbox credential PIN.", "Wrong PIN.", "attempt left.",
            "attempts left.");
    private static final Texts DE = new Texts("Signatur freigeben", "Anmeldung am Signaturkonto", "Die Anwendung",
            "bittet Sie, zu signieren:", "Dokument", "Dokumente",
            "möchte Ihr Signaturkonto nutzen: Ihre Schlüssel und Zertifikate auflisten.", "Signator", "Schlüssel",
            "Dokumente", "nicht an Hashwerte gebunden", "Konto", "Freigeben", "Ablehnen",
            "cscsign sandbox – ein Testdienst. Die PIN ist die PIN der Sandbox-Schlüssel.", "Falsche PIN.",
            "Versuch übrig.", "Versuche übrig.");

    private static Texts texts(AuthorizeRequest req) {
        return req.lang() != null && req.lang().toLowerCase(java.util.Locale.ROOT).startsWith("de") ? DE : EN;
    }

    /**
     * The consent page.
     *
     * @param attemptsLeft after a wrong PIN how many tries remain, else 0 (no error shown)
     */
    AuthorizationServer.Reply consent(String session, AuthorizeRequest req, Subject subject, int attemptsLeft) {
        Texts t = texts(req);
        StringBuilder b = new StringBuilder();
        String title = req.credentialScope() ? t.signTitle() : t.serviceTitle();
        head(b, lang(req), title);
        b.append("<h1>").append(title).append("</h1>\n");
        b.append("<p>").append(t.theApplication()).append(" <strong id=\"client\">").append(esc(req.clientId()))
                .append("</strong> ");
        if (req.credentialScope()) {
            int n = req.numSignatures();
            b.append(t.asksToSign()).append(" <strong id=\"count\">").append(n).append(' ')
                    .append(n == 1 ? t.document() : t.documents()).append("</strong>.</p>\n<dl>\n");
            b.append("<dt>").append(t.signer()).append("</dt><dd id=\"signer\"><strong>").append(esc(subject.signerName()))
                    .append("</strong><br><small>").append(esc(subject.signerDn())).append("</small></dd>\n");
            b.append("<dt>").append(t.credential()).append("</dt><dd id=\"credential\">").append(esc(req.credentialId()))
                    .append(" – ").append(esc(subject.credentialDescription())).append("</dd>\n");
            documents(b, req, t);
        } else {
            b.append(t.asksForService()).append("</p>\n<dl>\n");
        }
        if (req.accountId() != null) {
            b.append("<dt>").append(t.account()).append("</dt><dd id=\"account\">").append(esc(req.accountId())).append("</dd>\n");
        }
        b.append("</dl>\n");
        b.append("<form method=\"post\" action=\"").append(esc(consentPath)).append("\">\n");
        b.append("<input type=\"hidden\" name=\"session\" value=\"").append(esc(session)).append("\">\n");
        b.append("<label for=\"pin\">PIN</label>\n");
        b.append("<input id=\"pin\" name=\"pin\" type=\"password\" inputmode=\"numeric\" autocomplete=\"off\" required autofocus>\n");
        if (attemptsLeft > 0) {
            b.append("<p id=\"error\" role=\"alert\">").append(t.wrongPin()).append(' ').append(attemptsLeft).append(' ')
                    .append(attemptsLeft == 1 ? t.attemptLeft() : t.attemptsLeft()).append("</p>\n");
        }
        b.append("<div class=\"buttons\">\n");
        b.append("<button id=\"approve\" type=\"submit\" name=\"action\" value=\"approve\">").append(t.approve()).append("</button>\n");
        b.append("<button id=\"deny\" type=\"submit\" name=\"action\" value=\"deny\" formnovalidate>").append(t.deny())
                .append("</button>\n");
        b.append("</div>\n</form>\n");
        b.append("<p class=\"note\">").append(t.note()).append("</p>\n");
        tail(b);
        return html(200, b);
    }

    private static void documents(StringBuilder b, AuthorizeRequest req, Texts t) {
        List<byte[]> hashes = req.hashes();
        if (hashes == null) {
            b.append("<dt>").append(t.docs()).append("</dt><dd id=\"documents\">").append(req.numSignatures())
                    .append(" (").append(t.notBound()).append(")</dd>\n");
            return;
        }
        b.append("<dt>").append(t.docs()).append("</dt><dd><ol id=\"documents\">\n");
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < hashes.size(); i++) {
            String label = req.labels() == null ? null : req.labels().get(i);
            String digest = hex.formatHex(hashes.get(i), 0, Math.min(8, hashes.get(i).length)) + "…";
            b.append("<li>");
            if (label != null) {
                b.append("<span class=\"label\">").append(esc(label)).append("</span> ");
            }
            b.append("<code>").append(digest).append("</code></li>\n");
        }
        b.append("</ol></dd>\n");
    }

    AuthorizationServer.Reply error(int status, String error, String description) {
        StringBuilder b = new StringBuilder();
        head(b, "en", "Authorization refused");
        b.append("<h1>Authorization refused</h1>\n");
        b.append("<p id=\"error\" role=\"alert\"><code>").append(esc(error)).append("</code>: ").append(esc(description))
                .append("</p>\n<p>Return to the application and start again.</p>\n");
        tail(b);
        return html(status, b);
    }

    private static String lang(AuthorizeRequest req) {
        return req.lang() == null ? "en" : req.lang();
    }

    private static void head(StringBuilder b, String lang, String title) {
        b.append("<!DOCTYPE html>\n<html lang=\"").append(esc(lang)).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append(" – cscsign sandbox</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n");
    }

    private static void tail(StringBuilder b) {
        b.append("</main>\n</body>\n</html>\n");
    }

    private static AuthorizationServer.Reply html(int status, StringBuilder b) {
        Map<String, String> h = new LinkedHashMap<>(AuthorizationServer.noStore());
        // no framing (clickjacking of the Approve button), no scripts, nothing loaded from elsewhere
        h.put("X-Frame-Options", "DENY");
        h.put("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
        h.put("Referrer-Policy", "no-referrer");
        return new AuthorizationServer.Reply(status, "text/html; charset=utf-8", b.toString().getBytes(StandardCharsets.UTF_8), h);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
