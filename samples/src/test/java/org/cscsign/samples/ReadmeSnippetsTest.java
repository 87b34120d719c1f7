package org.cscsign.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README quotes the samples between {@code <!-- snippet:NAME -->} and {@code <!-- end:NAME -->};
 * each quote must be the {@code // tag::NAME[]} region of the compiled sample, so the README cannot
 * drift from working code. The comparing test only reads the README; rewriting the quotes is a separate
 * test that runs only with {@code -Dsnippets.update=true} (and then compares nothing).
 */
class ReadmeSnippetsTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Pattern TAG = Pattern.compile("(?s)[ \\t]*// tag::([\\w-]+)\\[]\\R(.*?)[ \\t]*// end::\\1\\[]");

    static Map<String, String> regions() throws IOException {
        Map<String, String> regions = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                Matcher m = TAG.matcher(Files.readString(file));
                while (m.find()) {
                    regions.put(m.group(1), dedent(m.group(2)));
                }
            }
        }
        return regions;
    }

    static String dedent(String block) {
        List<String> lines = block.lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(l.isBlank() ? "" : l.substring(indent));
        }
        return String.join("\n", out).strip();
    }

    private static Pattern quote(String name) {
        return Pattern.compile("(?s)(<!-- snippet:" + Pattern.quote(name) + " -->\\R```java\\R)(.*?)(```\\R<!-- end:"
                + Pattern.quote(name) + " -->)");
    }

    @Test
    @DisabledIfSystemProperty(named = "snippets.update", matches = "true")
    void everySampleRegionIsQuotedVerbatimInTheReadme() throws IOException {
        Map<String, String> regions = regions();
        assertThat(regions).containsKeys("bankid", "xades", "batch", "validate", "bare", "pooling");
        String readme = Files.readString(README);
        for (var e : regions.entrySet()) {
            Matcher m = quote(e.getKey()).matcher(readme);
            assertThat(m.find()).as("README has a quote of sample region '%s'", e.getKey()).isTrue();
            assertThat(m.group(2).strip()).as("README quote of '%s' (run mvn -pl samples test"
                    + " -Dtest=ReadmeSnippetsTest -Dsnippets.update=true)", e.getKey()).isEqualTo(e.getValue());
        }
    }

    /** Rewrites the README's quotes from the samples; only with {@code -Dsnippets.update=true}. */
    @Test
    @EnabledIfSystemProperty(named = "snippets.update", matches = "true")
    void rewriteTheReadmeQuotesFromTheSamples() throws IOException {
        String readme = Files.readString(README);
        for (var e : regions().entrySet()) {
            readme = quote(e.getKey()).matcher(readme)
                    .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + e.getValue() + "\n" + m.group(3)));
        }
        Files.writeString(README, readme);
    }
}
