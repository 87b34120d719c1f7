package org.cscsign.signer;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The appearance of a visible PAdES signature (DSS {@code SignatureImageParameters}): a text, an image,
 * or both, in a rectangle on one page. Coordinates are PDF points from the top-left corner of the page,
 * as DSS expects them.
 *
 * @param text the text drawn in the rectangle, may be null when an image is given
 * @param image the bytes of a PNG or JPEG image, may be null when a text is given
 * @param page the page, 1-based
 * @param x left edge, points
 * @param y top edge, points from the top of the page
 * @param width width, points
 * @param height height, points
 */
public record VisibleSignature(String text, byte[] image, int page, float x, float y, float width, float height) {

    /** Validates the values; a message names the wrong field. */
    public VisibleSignature {
        if ((text == null || text.isBlank()) && (image == null || image.length == 0)) {
            throw new IllegalArgumentException("visibleSignature: text or image is required");
        }
        if (page < 1) {
            throw new IllegalArgumentException("visibleSignature.page must be >= 1, was " + page);
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
     * A text-only appearance.
     *
     * @param text the text
     * @param page 1-based page
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
        return new VisibleSignature(text, imageBytes, page, x, y, width, height);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VisibleSignature v && Objects.equals(text, v.text) && Arrays.equals(image, v.image)
                && page == v.page && x == v.x && y == v.y && width == v.width && height == v.height;
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, Arrays.hashCode(image), page, x, y, width, height);
    }

    @Override
    public String toString() {
        return "VisibleSignature[text=" + text + ", image=" + (image == null ? "none" : image.length + " bytes")
                + ", page=" + page + ", x=" + x + ", y=" + y + ", width=" + width + ", height=" + height + "]";
    }
}
