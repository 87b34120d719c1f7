package org.cscsign.validator;

import java.util.List;

/** The batch summary as an XSL-FO document, for Apache FOP to render as PDF. */
final class FoSummary {

    private static final String[] HEADER = {"File", "Signatures", "Format", "Indication", "Signer", "Signing time"};
    private static final String[] WIDTHS = {"28%", "10%", "17%", "14%", "17%", "14%"};

    private FoSummary() {
    }

    static String document(String summary, List<BatchRow> rows) {
        StringBuilder fo = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\" font-family=\"Helvetica\" font-size=\"8pt\">"
                + "<fo:layout-master-set><fo:simple-page-master master-name=\"page\" page-width=\"297mm\" "
                + "page-height=\"210mm\" margin=\"12mm\"><fo:region-body margin-bottom=\"8mm\"/>"
                + "<fo:region-after extent=\"6mm\"/></fo:simple-page-master></fo:layout-master-set>"
                + "<fo:page-sequence master-reference=\"page\"><fo:static-content flow-name=\"xsl-region-after\">"
                + "<fo:block text-align=\"end\" color=\"#6c757d\">cscsign (EU DSS) - page <fo:page-number/></fo:block>"
                + "</fo:static-content><fo:flow flow-name=\"xsl-region-body\">"
                + "<fo:block font-size=\"16pt\" font-weight=\"bold\" color=\"#1f3b5c\" space-after=\"3mm\">"
                + "Validation report</fo:block><fo:block font-size=\"11pt\" space-after=\"5mm\">")
                .append(HtmlPage.escape(summary)).append("</fo:block><fo:table table-layout=\"fixed\" width=\"100%\">");
        for (String width : WIDTHS) {
            fo.append("<fo:table-column column-width=\"").append(width).append("\"/>");
        }
        fo.append("<fo:table-header><fo:table-row background-color=\"#e9ecef\" font-weight=\"bold\">");
        for (String title : HEADER) {
            cell(fo, title, null);
        }
        fo.append("</fo:table-row></fo:table-header><fo:table-body>");
        for (BatchRow row : rows) {
            fo.append("<fo:table-row border-bottom=\"0.3pt solid #dee2e6\">");
            cell(fo, row.file(), null);
            cell(fo, row.signatures(), null);
            cell(fo, row.format(), null);
            cell(fo, row.indication() + (row.note() == null ? "" : ": " + row.note()), colour(row));
            cell(fo, row.signer(), null);
            cell(fo, row.signingTime(), null);
            fo.append("</fo:table-row>");
        }
        return fo.append("</fo:table-body></fo:table></fo:flow></fo:page-sequence></fo:root>").toString();
    }

    private static String colour(BatchRow row) {
        return switch (row.indicationClass()) {
            case "passed" -> "#d4edda";
            case "failed" -> "#f8d7da";
            case "indeterminate" -> "#fff3cd";
            default -> "#e2e3e5";
        };
    }

    private static void cell(StringBuilder fo, String text, String background) {
        fo.append("<fo:table-cell padding=\"1.5mm\"");
        if (background != null) {
            fo.append(" background-color=\"").append(background).append("\" font-weight=\"bold\"");
        }
        fo.append("><fo:block wrap-option=\"wrap\">").append(HtmlPage.escape(text == null ? "-" : text))
                .append("</fo:block></fo:table-cell>");
    }
}
