package org.cscsign.validator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Complete, self-contained HTML pages around DSS's report fragments, and the batch index. */
final class HtmlPage {

    private static final String CSS = loadCss();

    private HtmlPage() {
    }

    /** A DSS HTML report fragment as a page, with links to the document's other reports. */
    static String report(String title, ValidationResult result, String fragment, String current, String indexHref) {
        StringBuilder nav = new StringBuilder("<nav class=\"cscsign\">");
        if (indexHref != null) {
            nav.append("<a href=\"").append(escape(indexHref)).append("\">&#8592; All documents</a>");
        }
        link(nav, ReportWriter.SIMPLE_HTML, "Simple report", current);
        link(nav, ReportWriter.DETAILED_HTML, "Detailed report", current);
        link(nav, ReportWriter.SIMPLE_PDF, "Simple report (PDF)", current);
        link(nav, ReportWriter.SIMPLE_XML, "XML", current);
        link(nav, ReportWriter.DIAGNOSTIC_XML, "Diagnostic data", current);
        link(nav, ReportWriter.ETSI_XML, "ETSI report", current);
        nav.append("</nav>");
        String name = result.documentName() == null ? "document" : result.documentName();
        return page(title + " \u2013 " + name, "<h1>" + escape(title) + ": " + escape(name) + "</h1><p>"
                + escape(result.indication().name()) + " \u2013 validated with EU DSS by cscsign</p>", nav + "<main>"
                + fragment + "</main>");
    }

    /** The batch index: the summary line and one row per document. */
    static String index(String summary, List<BatchRow> rows) {
        StringBuilder body = new StringBuilder("<main><p class=\"summary\">").append(escape(summary)).append("</p>");
        body.append("<table class=\"documents\"><thead><tr><th>File</th><th>Signatures</th><th>Format</th>"
                + "<th>Indication</th><th>Signer</th><th>Signing time</th><th>Reports</th></tr></thead><tbody>");
        for (BatchRow row : rows) {
            body.append("<tr><td class=\"file\" title=\"").append(escape(row.file())).append("\">");
            fileCell(body, row.file());
            body.append("</td><td>")
                    .append(escape(row.signatures())).append("</td><td>").append(escape(row.format()))
                    .append("</td><td class=\"indication ").append(row.indicationClass()).append("\">")
                    .append(escape(row.indication()));
            if (row.note() != null) {
                body.append("<span class=\"note\">").append(escape(row.note())).append("</span>");
            }
            body.append("</td><td>").append(escape(row.signer())).append("</td><td>").append(escape(row.signingTime()))
                    .append("</td><td>");
            if (row.reports() != null) {
                String folder = href(row.reports());
                body.append("<a href=\"").append(folder).append('/').append(ReportWriter.SIMPLE_HTML)
                        .append("\">simple</a> \u00b7 <a href=\"").append(folder).append('/')
                        .append(ReportWriter.DETAILED_HTML).append("\">detailed</a> \u00b7 <a href=\"").append(folder)
                        .append('/').append(ReportWriter.SIMPLE_PDF).append("\">PDF</a>");
            } else {
                body.append('-');
            }
            body.append("</td></tr>");
        }
        body.append("</tbody></table><p class=\"text-muted\">Summary as PDF: <a href=\"")
                .append(ReportWriter.SUMMARY_PDF).append("\">").append(ReportWriter.SUMMARY_PDF).append("</a></p></main>");
        return page("Validation of " + rows.size() + (rows.size() == 1 ? " document" : " documents"),
                "<h1>Validation report</h1><p>Validated with EU DSS by cscsign</p>",
                body.toString());
    }

    /** The file name first and in bold, its folder small below: long temporary paths stay readable. */
    private static void fileCell(StringBuilder body, String file) {
        String normalized = file.replace('\\', '/');
        int slash = normalized.lastIndexOf('/');
        body.append("<span class=\"name\">").append(escape(file.substring(slash + 1))).append("</span>");
        if (slash > 0) {
            body.append("<span class=\"folder\">").append(escape(file.substring(0, slash))).append("</span>");
        }
    }

    private static void link(StringBuilder nav, String file, String label, String current) {
        if (file.equals(current)) {
            nav.append("<strong>").append(escape(label)).append("</strong> ");
        } else {
            nav.append("<a href=\"").append(file).append("\">").append(escape(label)).append("</a>");
        }
    }

    private static String page(String title, String header, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + escape(title)
                + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n<header class=\"cscsign\">" + header
                + "</header>\n" + body + "\n</body>\n</html>\n";
    }

    /** A relative link to a folder whose name may hold spaces, '#', '%' or non-ASCII letters. */
    static String href(String relativeFolder) {
        try {
            return escape(new URI(null, null, relativeFolder, null).toASCIIString());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot link to " + relativeFolder, e);
        }
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
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

    private static String loadCss() {
        try (InputStream in = HtmlPage.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css is missing from the validator jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
