package org.cscsign.signer;

/**
 * Receives progress of a batch, e.g. to drive a progress bar. Called on the signing thread or on one
 * of the batch's worker threads, but never concurrently and with counts that only grow; keep it quick. Counts refer to documents (or containers, for ASiC-E).
 */
@FunctionalInterface
public interface ProgressListener {

    /** The phases of a batch, in order. */
    enum Phase {
        /** DSS {@code getDataToSign} and digesting, per document. */
        PREPARING,
        /** The remote {@code signatures/signHash} round trip(s) for the whole batch. */
        SIGNING,
        /** DSS {@code signDocument} (timestamps and revocation data for T/LT/LTA), per document. */
        FINISHING,
        /** Self-validation with DSS, per document. */
        VALIDATING,
        /** Writing outputs to disk, per document. */
        WRITING
    }

    /** A listener that ignores everything. */
    ProgressListener NONE = (phase, done, total) -> { };

    /**
     * @param phase the current phase
     * @param done how many items of this phase are finished (0 when the phase starts)
     * @param total how many items the phase has
     */
    void progress(Phase phase, int done, int total);
}
