package org.cscsign.cli;

import org.cscsign.signer.Level;
import org.cscsign.signer.ProgressListener.Phase;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressDisplayTest {

    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})% \\[");

    private final StringWriter text = new StringWriter();
    private final PrintWriter err = new PrintWriter(text, true);
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    /** Every percentage drawn, in order. */
    static List<Integer> percentages(String output) {
        List<Integer> values = new ArrayList<>();
        Matcher m = PERCENT.matcher(output);
        while (m.find()) {
            values.add(Integer.parseInt(m.group(1)));
        }
        return values;
    }

    private void batchOfThree(ProgressDisplay display) {
        for (Phase phase : Phase.values()) {
            display.progress(phase, 0, 3);
            for (int i = 1; i <= 3; i++) {
                now.addAndGet(Duration.ofMillis(700).toNanos());
                display.progress(phase, i, 3);
            }
        }
    }

    @Test
    void allPhasesOfABatchMakeOneBarThatOnlyRisesAndEndsAtHundred() {
        try (ProgressDisplay display = ProgressDisplay.forSigning(err, true, Level.LT, true, now::get)) {
            batchOfThree(display);
            display.finish();
        }
        String output = text.toString();
        List<Integer> percents = percentages(output);
        assertThat(percents).hasSizeGreaterThan(10).isSorted();
        assertThat(percents.get(0)).isLessThan(20);
        assertThat(percents.get(percents.size() - 1)).isEqualTo(100);
        // one bar: redrawn in place with \r, a single line break when it is closed
        assertThat(output.chars().filter(c -> c == '\n').count()).isEqualTo(1);
        assertThat(output).endsWith("\n").contains("preparing documents", "signHash at the CSC service",
                "timestamps + revocation data", "validating", "writing", "done");
        assertThat(output).doesNotContain("Validating");
    }

    @Test
    void lateEventsOfAnEarlierStepNeverLowerTheBar() {
        try (ProgressDisplay display = ProgressDisplay.forSigning(err, true, Level.T, false, now::get)) {
            display.progress(Phase.FINISHING, 3, 4);
            double high = display.fraction();
            display.progress(Phase.FINISHING, 2, 4);   // a concurrent worker reporting late
            display.progress(Phase.PREPARING, 4, 4);
            assertThat(display.fraction()).isEqualTo(high);
            assertThat(display.line()).contains("timestamps + revocation data 3/4");
        }
        assertThat(percentages(text.toString())).isSorted();
    }

    @Test
    void estimateAppearsOnlyOnceEnoughTimeHasPassedAndEnoughIsDone() {
        ProgressDisplay display = ProgressDisplay.forValidation(err, true, now::get);
        display.documentDone(5, 10);                      // half done, but no time has passed
        assertThat(display.eta()).isEmpty();
        assertThat(display.line()).doesNotContain("left");

        ProgressDisplay early = ProgressDisplay.forValidation(err, true, now::get);
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        early.documentDone(1, 10);                        // time has passed, but 10% is too little
        assertThat(early.eta()).isEmpty();

        early.documentDone(4, 10);                        // 40% in 10 s: 15 s left
        assertThat(early.eta()).contains(Duration.ofSeconds(15));
        assertThat(early.line()).contains("Validating  40%", "4/10", "0:10, ~0:15 left");

        early.finish();
        assertThat(early.eta()).isEmpty();
    }

    @Test
    void withoutATerminalNothingIsPrinted() {
        try (ProgressDisplay display = ProgressDisplay.forSigning(err, false, Level.LT, true, now::get)) {
            batchOfThree(display);
            display.println("cscsign: error: x.pdf: not a signed document");
            display.finish();
        }
        assertThat(text.toString()).isEqualTo("cscsign: error: x.pdf: not a signed document" + System.lineSeparator());
    }

    @Test
    void pausedForAPromptTheBarLeavesItsLineAndReturnsWithTheNextEvent() {
        ProgressDisplay display = ProgressDisplay.forSigning(err, true, Level.B, false, now::get);
        display.progress(Phase.SIGNING, 0, 2);

        display.pause();                                   // e.g. "PIN for rsa2048: " comes next
        String atPrompt = text.toString();
        assertThat(atPrompt).endsWith("\r\u001B[K");

        display.progress(Phase.SIGNING, 2, 2);
        assertThat(text.toString().substring(atPrompt.length())).contains("signHash at the CSC service 2/2");
    }

    @Test
    void aMessageDuringTheBarGoesAboveItAndTheBarIsRedrawn() {
        ProgressDisplay display = ProgressDisplay.forValidation(err, true, now::get);
        display.documentDone(1, 4);
        display.println("cscsign: error: b.txt: not a signed document");
        String output = text.toString();
        int message = output.indexOf("cscsign: error");
        assertThat(output.substring(0, message)).endsWith("\r\u001B[K");
        assertThat(output.substring(message)).contains("\n").endsWith(display.line());
    }
}
