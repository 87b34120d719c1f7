package org.cscsign.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading secrets from files: the first line, trimmed; the file name may be shown, never the content. */
final class Secrets {

    private Secrets() {
    }

    static String readFirstLine(Path file, String option) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            if (line == null || line.isBlank()) {
                throw CliException.usage(option + ": " + file + " is empty");
            }
            return line.strip();
        } catch (IOException | SecurityException e) {
            throw CliException.usage(option + ": cannot read " + file);
        }
    }
}
