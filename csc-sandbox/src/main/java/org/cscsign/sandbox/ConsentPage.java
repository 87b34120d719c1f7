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

    AuthorizationServer.Reply consent(String session, AuthorizeRequest req, Subject subject, String error) {
        StringBuilder b = new StringBuilder();
        String title = req.credentialScope() ? "Authorize signing" : "Sign in to your signing account";
        head(b, lang(req), title);
        b.append("<h1>").append(title).append("</h1>\n");
        b.append("<p>The application <strong id=\"client\">").append(esc(req.clientId())).append("</strong> asks ");
        if (req.credentialScope()) {
            int n = req.numSignatures();
            b.append("you to sign <strong id=\"count\">").append(n).append(n == 1 ? " document" : " documents")
                    .append("</strong>.</p>\n<dl>\n");
            b.append("<dt>Signer</dt><dd id=\"signer\"><strong>").append(esc(subject.signerName()))
                    .append("</strong><br><small>").append(esc(subject.signerDn())).append("</small></dd>\n");
            b.append("<dt>Credential</dt><dd id=\"credential\">").append(esc(req.credentialId())).append(" – ")
                    .append(esc(subject.credentialDescription())).append("</dd>\n");
            documents(b, req);
        } else {
            b.append("to use your signing account: list your credentials and their certificates.</p>\n<dl>\n");
        }
        if (req.accountId() != null) {
            b.append("<dt>Account</dt><dd id=\"account\">").append(esc(req.accountId())).append("</dd>\n");
        }
        b.append("</dl>\n");
        b.append("<form method=\"post\" action=\"").append(esc(consentPath)).append("\">\n");
        b.append("<input type=\"hidden\" name=\"session\" value=\"").append(esc(session)).append("\">\n");
        b.append("<label for=\"pin\">PIN</label>\n");
        b.append("<input id=\"pin\" name=\"pin\" type=\"password\" inputmode=\"numeric\" autocomplete=\"off\" required autofocus>\n");
        if (error != null) {
            b.append("<p id=\"error\" role=\"alert\">").append(esc(error)).append("</p>\n");
        }
        b.append("<div class=\"buttons\">\n");
        b.append("<button id=\"approve\" type=\"submit\" name=\"action\" value=\"approve\">Approve</button>\n");
        b.append("<button id=\"deny\" type=\"submit\" name=\"action\" value=\"deny\" formnovalidate>Deny</button>\n");
        b.append("</div>\n</form>\n");
        b.append("<p class=\"note\">cscsign sandbox – a test service. The PIN is the sandbox credential PIN.</p>\n");
        tail(b);
        return html(200, b);
    }

    private static void documents(StringBuilder b, AuthorizeRequest req) {
        List<byte[]> hashes = req.hashes();
        if (hashes == null) {
            b.append("<dt>Documents</dt><dd id=\"documents\">any ").append(req.numSignatures())
                    .append(" (not bound to hashes)</dd>\n");
            return;
        }
        b.append("<dt>Documents</dt><dd><ol id=\"documents\">\n");
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
