package io.monorail.ws.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns the text of one setting into its value, or says in a few words why it cannot ("is not a
 * number"). The factories below are every kind of value the settings table uses.
 */
@FunctionalInterface
interface ValueParser<T> {
    /**
     * @throws Invalid with the reason, worded to follow the setting's name and value
     */
    T parse(String text);

    /** This parser, then {@code next} on its value. */
    default <R> ValueParser<R> map(Function<? super T, ? extends R> next) {
        return text -> next.apply(parse(text));
    }

    /** A whole number from {@code min} to {@code max}. */
    static ValueParser<Integer> integer(int min, int max) {
        return text -> {
            int number;
            try {
                number = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new Invalid("is not a number");
            }
            if (number < min || number > max) {
                throw new Invalid("must be between " + min + " and " + max);
            }
            return number;
        };
    }

    /** A whole number from {@code min} to {@code max}, beyond an int's range. */
    static ValueParser<Long> longInteger(long min, long max) {
        return text -> {
            long number;
            try {
                number = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new Invalid("is not a number");
            }
            if (number < min || number > max) {
                throw new Invalid("must be between " + min + " and " + max);
            }
            return number;
        };
    }

    /** A TCP port; 0 = any free port. */
    static ValueParser<Integer> port() {
        return integer(0, 65_535);
    }

    /** Whole seconds from {@code min} to {@code max}. */
    static ValueParser<Duration> seconds(int min, int max) {
        return integer(min, max).map(Duration::ofSeconds);
    }

    /** Whole milliseconds from {@code min} to {@code max}. */
    static ValueParser<Duration> millis(int min, int max) {
        return integer(min, max).map(Duration::ofMillis);
    }

    /** Trimmed text; blank = absent. */
    static ValueParser<Optional<String>> optionalText() {
        return text -> text.isBlank() ? Optional.empty() : Optional.of(text.trim());
    }

    /** Text as given, spaces included (a password); empty = absent. */
    static ValueParser<Optional<String>> verbatim() {
        return text -> text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** Trimmed text that must not be blank. */
    static ValueParser<String> requiredText() {
        return text -> {
            if (text.isBlank()) {
                throw new Invalid("must not be empty");
            }
            return text.trim();
        };
    }

    /** Trimmed text matching {@code regex}; {@code rule} says what that means. */
    static ValueParser<String> matching(String regex, String rule) {
        return requiredText()
                .map(
                        text -> {
                            if (!text.matches(regex)) {
                                throw new Invalid("must be " + rule);
                            }
                            return text;
                        });
    }

    /** Like {@link #matching}, but blank = absent. */
    static ValueParser<Optional<String>> optionalMatching(String regex, String rule) {
        ValueParser<String> present = matching(regex, rule);
        return text -> text.isBlank() ? Optional.empty() : Optional.of(present.parse(text));
    }

    /** A file path; blank = absent. */
    static ValueParser<Optional<Path>> path() {
        return text -> {
            if (text.isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Path.of(text.trim()));
            } catch (InvalidPathException e) {
                throw new Invalid("is not a file path");
            }
        };
    }

    /** Comma-separated words, trimmed, empty ones dropped. */
    static ValueParser<List<String>> list() {
        return text ->
                Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Like {@link #list()}, with at least one word; {@code hint} says what one would be. */
    static ValueParser<List<String>> nonEmptyList(String hint) {
        return list().map(
                        words -> {
                            if (words.isEmpty()) {
                                throw new Invalid("must name at least one " + hint);
                            }
                            return words;
                        });
    }

    /** One of two words (any case), each standing for a value. */
    static <T> ValueParser<T> choice(String first, T firstValue, String second, T secondValue) {
        return text -> {
            String word = text.trim().toLowerCase(Locale.ROOT);
            if (word.equals(first)) {
                return firstValue;
            }
            if (word.equals(second)) {
                return secondValue;
            }
            throw new Invalid("must be '" + first + "' or '" + second + "'");
        };
    }

    /** A URI with one of the given schemes; blank = absent. */
    static ValueParser<Optional<URI>> uri(String... schemes) {
        Set<String> allowed = Set.of(schemes);
        return text -> {
            if (text.isBlank()) {
                return Optional.empty();
            }
            URI uri;
            try {
                uri = new URI(text.trim());
            } catch (URISyntaxException e) {
                throw new Invalid("is not a valid URI");
            }
            if (uri.getScheme() == null || !allowed.contains(uri.getScheme())) {
                throw new Invalid("must be a URI with scheme " + String.join(" or ", schemes));
            }
            return Optional.of(uri);
        };
    }

    /** Why a value cannot be used, worded to follow {@code NAME=value}. */
    final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(String why) {
            super(why, null, false, false);
        }
    }
}
