package org.cscsign.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The --help output is the user's manual: every subcommand has one and it lists every option. */
class HelpTest {

    static Stream<String> subcommands() {
        return Main.commandLine(new Main()).getSubcommands().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void helpOfEverySubcommandExitsZeroAndMentionsEveryOption(String name) {
        CliRun run = CliRun.run(name, "--help");

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).contains("Usage: cscsign " + name);
        CommandLine sub = Main.commandLine(new Main()).getSubcommands().get(name);
        for (OptionSpec option : sub.getCommandSpec().options()) {
            assertThat(run.out()).as("help of %s mentions %s", name, option.longestName())
                    .contains(option.longestName());
            assertThat(option.description()).as("description of %s %s", name, option.longestName()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void versionOfEverySubcommandExitsZero(String name) {
        CliRun run = CliRun.run(name, "--version");

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).contains("cscsign ");
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void unknownOptionOfEverySubcommandIsAUsageErrorWithoutStackTrace(String name) {
        CliRun run = CliRun.run(name, "--definitely-not-an-option");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("cscsign: error: ").doesNotContain("\tat ");
    }
}
