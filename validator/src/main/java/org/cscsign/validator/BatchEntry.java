package org.cscsign.validator;

/**
 * One input of a batch validation, as the batch index and summary show it: either validated
 * ({@code result}) or not judged ({@code error}, e.g. missing, not a signed document).
 *
 * @param file    the input as the user named it
 * @param reports the folder of this document's reports relative to the batch's report folder
 *                (e.g. {@code contract.pdf.reports}); {@code null} when none were written
 * @param result  the validation result; {@code null} when the input could not be validated
 * @param error   one line saying why the input could not be validated; {@code null} when it was
 */
public record BatchEntry(String file, String reports, ValidationResult result, String error) {

    /**
     * Checks that exactly one of result and error is given.
     *
     * @param file the input as the user named it
     * @param reports the folder of this document's reports relative to the batch's report folder * (e.g. {@code contract.pdf.reports}); {@code null} when none were written
     * @param result the validation result; {@code null} when the input could not be validated
     * @param error one line saying why the input could not be validated; {@code null} when it was
     */
    public BatchEntry {
        if (file == null) {
            throw new IllegalArgumentException("file: required");
        }
        if ((result == null) == (error == null)) {
            throw new IllegalArgumentException("result/error: exactly one is required");
        }
    }

    /**
     * @param file   the input as the user named it
     * @param result its validation result
     * @return a validated entry without reports
     */
    public static BatchEntry validated(String file, ValidationResult result) {
        return new BatchEntry(file, null, result, null);
    }

    /**
     * @param file  the input as the user named it
     * @param error why it could not be validated
     * @return an entry for an input that was not judged
     */
    public static BatchEntry failed(String file, String error) {
        return new BatchEntry(file, null, null, error);
    }

    /**
     * @param reportsFolder the folder of this entry's reports, relative to the index
     * @return this entry with its reports folder
     */
    public BatchEntry withReports(String reportsFolder) {
        return new BatchEntry(file, reportsFolder, result, error);
    }

    /**
     * @return the document's indication name (TOTAL_PASSED, INDETERMINATE, TOTAL_FAILED), or
     *         {@code NOT_VALIDATED} for an input that could not be validated
     */
    public String verdict() {
        return result == null ? "NOT_VALIDATED" : result.indication().name();
    }
}
