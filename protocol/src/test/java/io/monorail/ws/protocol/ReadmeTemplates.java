package io.monorail.ws.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a frame shape of the README ({@code "type":T}, {@code "data":{...}}, {@code "seq":n}, ...)
 * into a frame, by putting a representative value in each placeholder, so that shapes are checked
 * against the schemas as well as examples. A placeholder this class does not know leaves the text
 * unparseable, and the test says which shape it was.
 */
final class ReadmeTemplates {
    // Applied in order: alternatives and compound placeholders before the bare ellipsis.
    private static final Map<Pattern, String> PLACEHOLDERS = new LinkedHashMap<>();

    static {
        put("T\\|null", "\"nodes\"");
        put(":T\\b", ":\"nodes\"");
        put("true\\|false", "true");
        put("1\\|-1", "1");
        put(
                "\\{\"code\",\"message\",\"request\"\\}",
                "{\"code\":\"" + ErrorCode.BAD_PARAMS.wire() + "\",\"message\":\"text\"}");
        put("\\{filter\\}", "{}");
        put("\\{\\.\\.\\.[^}]*\\}", "{}"); // {...} and {...the node...}
        put("\\[\\.\\.\\.\\]", "[]");
        put(",\\.\\.\\.\\]", "]"); // ["f",...]
        put(",\\.\\.\\.\\}", "}"); // {"type":"compute",...}
        put(":\\.\\.\\.", ":\"x\""); // "id":...
        put("\"data\":<[^>\"]*>", "\"data\":{}"); // "data":<body>
        put(":<[^>\"]*>", ":1"); // "seq":<last seq it saw>
        put("(\"[^\"]*\")(\\s*\\|\\s*\"[^\"]*\")+", "$1"); // "gap" | "unknown_session"
        put(":n\\b", ":1");
    }

    private ReadmeTemplates() {}

    /** {@code replacement} as {@link java.util.regex.Matcher#replaceAll} takes it ({@code $1}). */
    private static void put(String regex, String replacement) {
        PLACEHOLDERS.put(Pattern.compile(regex), replacement);
    }

    /** The shape with a value in every placeholder this class knows. */
    static String instantiate(String shape) {
        String text = shape;
        for (Map.Entry<Pattern, String> placeholder : PLACEHOLDERS.entrySet()) {
            text = placeholder.getKey().matcher(text).replaceAll(placeholder.getValue());
        }
        return text;
    }
}
