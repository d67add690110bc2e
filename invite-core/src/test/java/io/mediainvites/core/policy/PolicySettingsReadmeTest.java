package io.mediainvites.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README's settings table describes the declared settings: fails when a setting is added, dropped or changed. */
class PolicySettingsReadmeTest {

    private static final String HEADER = "| setting (REST field / attribute `mediaInvites.<name>`) | default | meaning |";

    /** The table's rows, each as its three cells. */
    static List<String[]> rows(List<String> readme) {
        int header = readme.indexOf(HEADER);
        assertThat(header).as("README's settings table header").isNotNegative();
        List<String[]> rows = new ArrayList<>();
        for (int i = header + 2; i < readme.size() && readme.get(i).startsWith("|"); i++) {
            String line = readme.get(i).strip();
            String[] cells = line.substring(1, line.length() - 1).split(" \\| ", -1);
            assertThat(cells).as(line).hasSize(3);
            for (int c = 0; c < cells.length; c++) {
                cells[c] = cells[c].strip();
            }
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void everyDeclaredSettingHasItsRowWithDefaultAndDocumentedValues() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        List<String[]> rows = rows(readme);
        assertThat(rows).extracting(r -> r[0])
                .as("one row per setting, in declaration order")
                .containsExactlyElementsOf(PolicySettings.ALL.stream().map(s -> "`" + s.name() + "`").toList());
        for (int i = 0; i < rows.size(); i++) {
            PolicySetting<?> setting = PolicySettings.ALL.get(i);
            String[] row = rows.get(i);
            List<String> defaultValue = InvitePolicy.DEFAULTS.toFieldValues().get(setting.name());
            String expectedDefault = defaultValue.isEmpty() ? "none" : "`" + String.join(",", defaultValue) + "`";
            assertThat(row[1]).as("default of " + setting).satisfiesAnyOf(
                    d -> assertThat(d).isEqualTo(expectedDefault),
                    d -> assertThat(d).startsWith(expectedDefault + " ("));
            assertThat(row[2]).as("meaning of " + setting).isNotBlank();
            for (String value : setting.documentedValues()) {
                assertThat(row[2]).as("meaning of " + setting + " names " + value).contains("`" + value + "`");
            }
        }
    }

    @Test
    void theCheckReadsTheTableAsWritten() {
        List<String> sample = List.of("text", HEADER, "| --- | --- | --- |",
                "| `useLimit` | `1` | uses per link: `1` single use, `N`, `-1` unlimited |", "", "| other | table | x |");
        assertThat(rows(sample)).singleElement()
                .satisfies(r -> assertThat(r).containsExactly("`useLimit`", "`1`", "uses per link: `1` single use, `N`, `-1` unlimited"));
    }
}
