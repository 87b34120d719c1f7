package org.cscsign.signer;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The appearance of a visible PAdES signature (DSS {@code SignatureImageParameters}): a text, an image,
 * or both, in a rectangle on one page; or a signer box ({@link #signerBox}): a bordered box with the
 * signer's name (the certificate's common name), the signing time and the reason, next to an optional
 * image. Coordinates are PDF points from the top-left corner of the page, as DSS expects them.
 *
 * @param text the text drawn in the rectangle, may be null when an image is given or for a signer box
 * @param image the bytes of a PNG or JPEG image, may be null when a text is given
 * @param page the page, 1-based, or {@link #LAST_PAGE} for the last page of each document
 * @param x left edge, points
 * @param y top edge, points from the top of the page; with {@code fromBottom}, the bottom edge, points from the
 *        bottom of the page (the same box then sits at the foot of pages of any height)
 * @param width width, points
 * @param height height, points
 * @param signerDetails true for a signer box: border, signer's name, signing time, reason (and the image
 *        at its left); the signer and the time come from the signature itself
 * @param fromBottom whether {@code y} is measured from the bottom edge of the page
 */
public record VisibleSignature(String text, byte[] image, int page, float x, float y, float width, float height,
        boolean signerDetails, boolean fromBottom) {

    /** The page number that stands for the last page of each document (resolved per document when signing). */
    public static final int LAST_PAGE = 0;

    /**
     * Validates the values; a message names the wrong field.
     *
     * @param text the text drawn in the rectangle, may be null when an image is given or for a signer box
     * @param image the bytes of a PNG or JPEG image, may be null when a text is given
     * @param page the page, 1-based, or {@link #LAST_PAGE}
     * @param x left edge, points
     * @param y top edge, points from the top of the page (or the bottom edge from the bottom, see {@code fromBottom})
     * @param width width, points
     * @param height height, points
     * @param signerDetails true for a signer box: border, signer's name, signing time, reason (and the image
     *        at its left); the signer and the time come from the signature itself
     * @param fromBottom whether {@code y} is measured from the bottom edge of the page
     * @throws IllegalArgumentException when neither text nor image is given, or a position is out of range
     */
    public VisibleSignature {
        if (!signerDetails && (text == null || text.isBlank()) && (image == null || image.length == 0)) {
            throw new IllegalArgumentException("visibleSignature: text or image is required");
        }
        if (page < LAST_PAGE) {
            throw new IllegalArgumentException("visibleSignature.page must be >= 1 (or LAST_PAGE), was " + page);
        }
        if (x < 0 || y < 0) {
            throw new IllegalArgumentException("visibleSignature.x/y must not be negative");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("visibleSignature.width/height must be positive");
        }
        image = image == null ? null : image.clone();
    }

    /**
     * A text and/or image appearance, as drawn by DSS.
     *
     * @param text the text, may be null when an image is given
     * @param image PNG or JPEG bytes, may be null when a text is given
     * @param page 1-based page, or {@link #LAST_PAGE}
     * @param x left edge
     * @param y top edge (from the top of the page)
     * @param width width
     * @param height height
     * @throws IllegalArgumentException when neither text nor image is given, or a position is out of range
     */
    public VisibleSignature(String text, byte[] image, int page, float x, float y, float width, float height) {
        this(text, image, page, x, y, width, height, false, false);
    }

    /**
     * A signer box: a bordered box with the signer's name (the signing certificate's common name), the
     * signing time of the batch and the reason, if one is given; add a logo with {@link #withImage}.
     *
     * @param page 1-based page, or {@link #LAST_PAGE}
     * @param x left edge
     * @param y top edge (from the top of the page)
     * @param width width
     * @param height height
     * @return the appearance
     * @throws IllegalArgumentException when a position is out of range
     */
    public static VisibleSignature signerBox(int page, float x, float y, float width, float height) {
        return new VisibleSignature(null, null, page, x, y, width, height, true, false);
    }

    /**
     * The signer box where a reader looks for it: 240 × 70 points, 50 points from the left and the bottom
     * edges of each document's last page, whatever the documents' page counts and sizes.
     *
     * @return the appearance
     */
    public static VisibleSignature signerBox() {
        return new VisibleSignature(null, null, LAST_PAGE, 50, 50, 240, 70, true, true);
    }

    /**
     * @param newPage 1-based page, or {@link #LAST_PAGE}
     * @return a copy of this appearance on that page
     * @throws IllegalArgumentException when the page is out of range
     */
    public VisibleSignature onPage(int newPage) {
        return new VisibleSignature(text, image, newPage, x, y, width, height, signerDetails, fromBottom);
    }

    /**
     * @param newText the text to draw instead of the signer's details
     * @return a copy of this appearance, in the same place, that draws {@code newText}
     * @throws IllegalArgumentException when the text is blank and there is no image
     */
    public VisibleSignature withText(String newText) {
        return new VisibleSignature(newText, image, page, x, y, width, height, false, fromBottom);
    }

    /**
     * @param newX left edge, points
     * @param newY bottom edge, points from the bottom of the page
     * @param newWidth width, points
     * @param newHeight height, points
     * @return a copy of this appearance in that rectangle, measured from the bottom-left corner of the page
     * @throws IllegalArgumentException when a position is out of range
     */
    public VisibleSignature fromBottomLeft(float newX, float newY, float newWidth, float newHeight) {
        return new VisibleSignature(text, image, page, newX, newY, newWidth, newHeight, signerDetails, true);
    }

    /**
     * A text-only appearance.
     *
     * @param text the text
     * @param page 1-based page, or {@link #LAST_PAGE}
     * @param x left edge
     * @param y top edge (from the top of the page)
     * @param width width
     * @param height height
     * @return the appearance
     */
    public static VisibleSignature text(String text, int page, float x, float y, float width, float height) {
        return new VisibleSignature(Objects.requireNonNull(text, "visibleSignature.text"), null, page, x, y, width, height);
    }

    /** @return a copy of the image bytes, if any */
    @Override
    public byte[] image() {
        return image == null ? null : image.clone();
    }

    /** @return the image bytes, if any */
    public Optional<byte[]> imageBytes() {
        return Optional.ofNullable(image());
    }

    /**
     * @param imageBytes a PNG or JPEG image
     * @return a copy of this appearance with the image
     */
    public VisibleSignature withImage(byte[] imageBytes) {
        return new VisibleSignature(text, imageBytes, page, x, y, width, height, signerDetails, fromBottom);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VisibleSignature v && Objects.equals(text, v.text) && Arrays.equals(image, v.image)
                && page == v.page && x == v.x && y == v.y && width == v.width && height == v.height
                && signerDetails == v.signerDetails && fromBottom == v.fromBottom;
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, Arrays.hashCode(image), page, x, y, width, height, signerDetails, fromBottom);
    }

    @Override
    public String toString() {
        return "VisibleSignature[text=" + text + ", image=" + (image == null ? "none" : image.length + " bytes")
                + ", page=" + page + ", x=" + x + ", y=" + y + ", width=" + width + ", height=" + height
                + ", signerDetails=" + signerDetails + ", fromBottom=" + fromBottom + "]";
    }
}
