package org.cscsign.signer.internal;

import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.DSSFileFont;

import javax.imageio.ImageIO;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * Draws the appearance of a signer box: a border, the signer's name, the signing time and the reason,
 * with an optional image at the left. DSS draws text and images side by side but no border, so the
 * whole box is drawn here, at four times the PDF resolution, and given to DSS as the appearance image
 * stretched over the field. The font is the one DSS ships for visible signatures, so the result does
 * not depend on the fonts of the machine.
 */
final class SignerBox {

    /** Pixels per PDF point: 288 dpi, sharp on screen and on paper. */
    static final int SCALE = 4;
    private static final Color INK = new Color(0x1F, 0x2A, 0x44);
    private static final Color BORDER = new Color(0x1F, 0x4E, 0x9A);
    private static final Color FILL = new Color(0xF4, 0xF7, 0xFC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private SignerBox() {
    }

    /**
     * The lines of the box, in order.
     *
     * @param signer the signing certificate
     * @param signingTime the signing time of the batch
     * @param reason the reason, may be null
     * @param location the location, may be null
     * @return the lines: a heading, the signer's name, the time, then reason and location when given
     */
    static List<String> lines(CertificateToken signer, Date signingTime, String reason, String location) {
        List<String> lines = new ArrayList<>();
        lines.add("Digitally signed by");
        lines.add(signerName(signer));
        lines.add("Date: " + TIME.format(signingTime.toInstant()));
        if (reason != null && !reason.isBlank()) {
            lines.add("Reason: " + reason.strip());
        }
        if (location != null && !location.isBlank()) {
            lines.add("Location: " + location.strip());
        }
        return lines;
    }

    /**
     * @param certificate a certificate
     * @return its subject's common name, or the whole subject when it has none
     */
    static String signerName(CertificateToken certificate) {
        String dn = certificate.getCertificate().getSubjectX500Principal().getName();
        try {
            List<Rdn> rdns = new LdapName(dn).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {   // LdapName lists the most specific RDN last
                if ("CN".equalsIgnoreCase(rdns.get(i).getType())) {
                    return String.valueOf(rdns.get(i).getValue());
                }
            }
        } catch (InvalidNameException e) {
            // fall back to the DN as printed
        }
        return dn;
    }

    /**
     * Draws the box.
     *
     * @param lines the text lines ({@link #lines})
     * @param logo PNG or JPEG bytes drawn at the left, may be null
     * @param widthPt the field's width in points
     * @param heightPt the field's height in points
     * @return PNG bytes of {@code widthPt * SCALE} by {@code heightPt * SCALE} pixels
     * @throws IllegalArgumentException when the logo is not a readable image
     */
    static byte[] png(List<String> lines, byte[] logo, float widthPt, float heightPt) {
        int w = Math.max(1, Math.round(widthPt * SCALE));
        int h = Math.max(1, Math.round(heightPt * SCALE));
        BufferedImage box = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = box.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setColor(FILL);
            g.fillRect(0, 0, w, h);
            int border = Math.max(2, SCALE * 3 / 2);          // 1.5 pt
            g.setColor(BORDER);
            g.setStroke(new BasicStroke(border));
            g.drawRect(border / 2, border / 2, w - border, h - border);

            int pad = 4 * SCALE;
            int left = pad + border;
            if (logo != null) {
                left += drawLogo(g, logo, left, pad + border, h - 2 * (pad + border)) + pad;
            }
            drawText(g, lines, left, pad + border, w - left - pad - border, h - 2 * (pad + border));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(box, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    /** @return the width the logo took */
    private static int drawLogo(Graphics2D g, byte[] bytes, int x, int y, int maxHeight) {
        BufferedImage logo;
        try {
            logo = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            logo = null;
        }
        if (logo == null) {
            throw new IllegalArgumentException("visibleSignature.image is not a readable PNG or JPEG image");
        }
        int height = Math.max(1, maxHeight);
        int width = Math.max(1, Math.round((float) logo.getWidth() * height / logo.getHeight()));
        g.drawImage(logo, x, y, width, height, null);
        return width;
    }

    /** The largest font size at which every line fits, the name in bold, centred vertically. */
    private static void drawText(Graphics2D g, List<String> lines, int x, int y, int width, int height) {
        Font base = DSSFileFont.initializeDefault().getJavaFont();
        float size = Math.min(height / (lines.size() * 1.25f), 12f * SCALE);
        for (; size > 4 * SCALE / 2f; size -= SCALE / 2f) {
            if (fits(g, base, size, lines, width)) {
                break;
            }
        }
        Font plain = base.deriveFont(Font.PLAIN, size);
        Font bold = base.deriveFont(Font.BOLD, size);
        FontMetrics metrics = g.getFontMetrics(plain);
        int lineHeight = Math.round(size * 1.25f);
        int top = y + Math.max(0, (height - lineHeight * lines.size()) / 2);
        g.setColor(INK);
        for (int i = 0; i < lines.size(); i++) {
            g.setFont(i == 1 ? bold : plain);
            g.drawString(lines.get(i), x, top + i * lineHeight + metrics.getAscent());
        }
    }

    private static boolean fits(Graphics2D g, Font base, float size, List<String> lines, int width) {
        FontMetrics bold = g.getFontMetrics(base.deriveFont(Font.BOLD, size));
        return lines.stream().allMatch(l -> bold.stringWidth(l) <= width);
    }
}
