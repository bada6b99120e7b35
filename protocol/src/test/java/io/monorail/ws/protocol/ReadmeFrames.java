package io.monorail.ws.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The protocol frames a Markdown text shows: code spans and lines of fenced blocks (after a {@code
 * >} or {@code <} direction mark) that are a JSON object with a {@code handler}. Templates with
 * placeholders ({@code T}, {@code ...}, {@code <last seq>}) are found too; telling them from JSON
 * is the reader's job.
 */
final class ReadmeFrames {
    private static final Pattern FENCE = Pattern.compile("(?ms)^```[^\\n]*\\n(.*?)^```");
    private static final Pattern SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern DIRECTION = Pattern.compile("^[<>]\\s*");

    private ReadmeFrames() {}

    static List<String> in(String markdown) {
        List<String> frames = new ArrayList<>();
        Matcher fence = FENCE.matcher(markdown);
        while (fence.find()) {
            for (String line : fence.group(1).split("\n")) {
                addIfFrame(DIRECTION.matcher(line.strip()).replaceFirst(""), frames);
            }
        }
        Matcher span = SPAN.matcher(fence.replaceAll(""));
        while (span.find()) {
            // In a table cell a pipe is escaped; a span's line break is a space (CommonMark).
            addIfFrame(span.group(1).replace("\\|", "|").replaceAll("\\s*\\n\\s*", " "), frames);
        }
        return frames;
    }

    private static void addIfFrame(String text, List<String> frames) {
        String candidate = text.strip();
        if (candidate.startsWith("{") && candidate.contains("\"handler\"")) {
            frames.add(candidate);
        }
    }
}
