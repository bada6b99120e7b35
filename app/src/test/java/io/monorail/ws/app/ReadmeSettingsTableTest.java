package io.monorail.ws.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table and {@link Setting} list the same variables with the same
 * defaults. A row may name two variables ({@code `A` / `B`}); "unset" and "built in" mean no
 * default.
 */
class ReadmeSettingsTableTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern VARIABLE = Pattern.compile("`(MONORAIL_[A-Z0-9_]+)`");
    private static final List<String> NO_DEFAULT = List.of("unset", "built in");

    @Test
    void readmeTable_listsEverySetting_withItsDefault() throws Exception {
        Map<String, String> documented = readmeTable();
        Map<String, String> table = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            table.put(setting.variable(), setting.defaultValue());
        }

        assertThat(documented).containsExactlyInAnyOrderEntriesOf(table);
    }

    @Test
    void rowParser_readsNamesAndDefaults() {
        assertThat(row("| `MONORAIL_PORT` | `9100` | WebSocket port |"))
                .containsExactly(Map.entry("MONORAIL_PORT", "9100"));
        assertThat(row("| `MONORAIL_TLS_CERT` / `MONORAIL_TLS_KEY` | unset | PEM files |"))
                .containsExactly(
                        Map.entry("MONORAIL_TLS_CERT", ""), Map.entry("MONORAIL_TLS_KEY", ""));
    }

    private static Map<String, String> readmeTable() throws Exception {
        assertThat(README).as("README.md at the repository root").exists();
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(README)) {
            if (line.startsWith("| `MONORAIL_")) {
                for (Map.Entry<String, String> entry : row(line).entrySet()) {
                    assertThat(rows)
                            .as("rows naming %s", entry.getKey())
                            .doesNotContainKey(entry.getKey());
                    rows.put(entry.getKey(), entry.getValue());
                }
            }
        }
        assertThat(rows).as("rows of the Configuration table").isNotEmpty();
        return rows;
    }

    /** The variables a row names, each with the row's default ("" for none). */
    private static Map<String, String> row(String line) {
        List<String> cells = Arrays.stream(line.split("\\|")).map(String::trim).skip(1).toList();
        String defaultCell = cells.get(1);
        String value = NO_DEFAULT.contains(defaultCell) ? "" : defaultCell.replaceAll("^`|`$", "");
        Map<String, String> names = new LinkedHashMap<>();
        Matcher matcher = VARIABLE.matcher(cells.get(0));
        while (matcher.find()) {
            names.put(matcher.group(1), value);
        }
        return names;
    }
}
