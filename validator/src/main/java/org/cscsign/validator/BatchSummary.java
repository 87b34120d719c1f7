package org.cscsign.validator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The one-line verdict of a batch, e.g. {@code 200 documents: 198 TOTAL_PASSED, 2 TOTAL_FAILED}. */
public final class BatchSummary {

    private BatchSummary() {
    }

    /**
     * Counts the documents of a batch by verdict: TOTAL_PASSED, INDETERMINATE, TOTAL_FAILED, then
     * NOT_VALIDATED for inputs that could not be judged; verdicts that no document has are left out.
     *
     * @param entries the batch
     * @return the summary line, without a line break
     */
    public static String line(List<BatchEntry> entries) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String verdict : List.of("TOTAL_PASSED", "INDETERMINATE", "TOTAL_FAILED", "NOT_VALIDATED")) {
            counts.put(verdict, 0);
        }
        entries.forEach(e -> counts.merge(e.verdict(), 1, Integer::sum));
        String details = counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        return entries.size() + (entries.size() == 1 ? " document" : " documents")
                + (details.isEmpty() ? "" : ": " + details);
    }
}
