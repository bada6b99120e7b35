package io.monorail.ws.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Gathers the text of each setting from where it is given (a file, then the environment over it, or
 * a map in tests), and every problem on the way: unknown names, with the nearest known one, and a
 * file that cannot be read. Values are not parsed here.
 */
final class SettingsSources {
    /** Variables the build's own tests read ({@code MONORAIL_IT_REQUIRE_RABBITMQ}): not ours. */
    private static final String TEST_PREFIX = Setting.PREFIX + "IT_";

    private final Map<Setting, Given> given = new EnumMap<>(Setting.class);
    private final List<String> problems = new ArrayList<>();

    /** A setting's text and where it came from, for messages. */
    record Given(String text, String origin) {}

    Map<Setting, Given> given() {
        return given;
    }

    List<String> problems() {
        return problems;
    }

    /** Every {@code MONORAIL_*} variable must be a setting; others are not looked at. */
    SettingsSources environment(Map<String, String> environment) {
        environment.entrySet().stream()
                .filter(e -> e.getKey().startsWith(Setting.PREFIX))
                .filter(e -> !e.getKey().startsWith(TEST_PREFIX))
                .sorted(Map.Entry.comparingByKey())
                .forEach(
                        e -> {
                            String name = e.getKey();
                            Optional<Setting> setting =
                                    Setting.byKey(name.substring(Setting.PREFIX.length()))
                                            .filter(s -> s.variable().equals(name));
                            if (setting.isPresent()) {
                                given.put(setting.get(), new Given(e.getValue(), ""));
                            } else {
                                problems.add(
                                        name
                                                + " is not a setting"
                                                + nearest(name.substring(Setting.PREFIX.length()))
                                                        .map(
                                                                s ->
                                                                        "; did you mean "
                                                                                + s.variable()
                                                                                + "?")
                                                        .orElse(""));
                            }
                        });
        return this;
    }

    /** Names as in the table's keys ({@code port}), for tests and tools. */
    SettingsSources overrides(Map<String, String> overrides) {
        overrides.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> put(e.getKey(), e.getValue(), ""));
        return this;
    }

    /** A YAML or JSON mapping of keys to values or lists of values. */
    SettingsSources file(Path file) {
        JsonNode root;
        try {
            // YAML is a superset of JSON: one reader takes both.
            root = new YAMLMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            problems.add("cannot read settings file " + file + ": " + e.getMessage());
            return this;
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return this;
        }
        if (!root.isObject()) {
            problems.add("settings file " + file + " must hold a mapping of names to values");
            return this;
        }
        String origin = " (in " + file + ")";
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue; // "key:" with nothing after it: as if absent
            }
            if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                put(key, String.join(",", items), origin);
            } else if (value.isValueNode()) {
                put(key, value.asText(), origin);
            } else {
                problems.add("'" + key + "' in " + file + " must be a value or a list");
            }
        }
        return this;
    }

    private void put(String key, String text, String origin) {
        Optional<Setting> setting = Setting.byKey(key);
        if (setting.isPresent()) {
            given.put(setting.get(), new Given(text, origin));
            return;
        }
        problems.add(
                "'"
                        + key
                        + "'"
                        + origin
                        + " is not a setting"
                        + nearest(key).map(s -> "; did you mean '" + s.key() + "'?").orElse(""));
    }

    /** The known setting whose name is closest to {@code name}, if it is close enough. */
    static Optional<Setting> nearest(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        Setting best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Setting setting : Setting.values()) {
            int distance = distance(wanted, setting.key());
            if (distance < bestDistance) {
                best = setting;
                bestDistance = distance;
            }
        }
        // Beyond this, the suggestion would be a guess.
        return bestDistance <= Math.max(2, wanted.length() / 3)
                ? Optional.of(best)
                : Optional.empty();
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] =
                        Math.min(
                                Math.min(current[j - 1] + 1, previous[j] + 1),
                                previous[j - 1] + substitution);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
