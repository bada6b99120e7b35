package io.monorail.ws.load.report;

import io.monorail.ws.load.scenario.LoadSettings;
import io.monorail.ws.load.scenario.ServerRun;
import io.monorail.ws.load.server.ServerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The comparison as a markdown table: one column per server, each cell the median over the repeats,
 * its spread [min-max], and its ratio to the bare batched server.
 */
public final class ComparisonTable {
    private record Row(
            String title, String format, Function<ServerRun, Double> value, boolean ratio) {
        Row(String title, String format, Function<ServerRun, Double> value) {
            this(title, format, value, true);
        }
    }

    private ComparisonTable() {}

    /** The table for these runs, columns in {@code kinds} order. */
    public static String markdown(
            List<ServerRun> runs, List<ServerKind> kinds, LoadSettings s, int idleClients) {
        int repeats = (int) runs.stream().mapToInt(ServerRun::repeat).distinct().count();
        List<Row> rows = rows(s, idleClients);
        StringBuilder out = new StringBuilder();
        out.append("| measure (median of ")
                .append(repeats)
                .append(" [min-max], ratio to bare batched) |");
        kinds.forEach(k -> out.append(' ').append(k.title()).append(" |"));
        out.append("\n|---|");
        kinds.forEach(k -> out.append("---|"));
        out.append('\n');
        for (Row row : rows) {
            Stats floor = stats(runs, ServerKind.BARE_BATCHED, row);
            out.append("| ").append(row.title()).append(" |");
            for (ServerKind kind : kinds) {
                out.append(' ')
                        .append(
                                cell(
                                        stats(runs, kind, row),
                                        row.ratio() ? floor : null,
                                        row.format(),
                                        kind))
                        .append(" |");
            }
            out.append('\n');
        }
        out.append("| GC pauses in flood + paced windows (count, max ms) |");
        for (ServerKind kind : kinds) {
            out.append(' ').append(gcCell(runs, kind)).append(" |");
        }
        out.append("\n| lost / duplicated / out of order (sum over repeats) |");
        for (ServerKind kind : kinds) {
            out.append(' ').append(accountingCell(runs, kind)).append(" |");
        }
        out.append('\n');
        List<String> errors = new ArrayList<>();
        Stats erlang =
                Stats.of(
                        runs.stream()
                                .filter(r -> r.erlangMemory() != null)
                                .map(r -> r.erlangMemory().perConnectionBytes() / 1024)
                                .toList());
        if (erlang != null) {
            errors.add(
                    String.format(
                            Locale.ROOT,
                            "- Web-STOMP's memory per idle connection as erlang:memory(total) (allocated, not"
                                    + " cached by allocators): %.1f KB [%.1f-%.1f]",
                            erlang.median(),
                            erlang.min(),
                            erlang.max()));
        }
        for (ServerRun run : runs) {
            if (run.error() != null) {
                errors.add("- " + run.server() + " (repeat " + run.repeat() + "): " + run.error());
            }
            if (run.unexpectedCloses() > 0) {
                errors.add(
                        "- "
                                + run.server()
                                + " (repeat "
                                + run.repeat()
                                + ") closed "
                                + run.unexpectedCloses()
                                + " connections: "
                                + run.closeReasons());
            }
        }
        if (!errors.isEmpty()) {
            out.append('\n').append(String.join("\n", errors)).append('\n');
        }
        return out.toString();
    }

    private static List<Row> rows(LoadSettings s, int idleClients) {
        String clients = String.format(Locale.ROOT, "%,d", s.clients());
        String paced =
                String.format(Locale.ROOT, "%s clients x %s events/s", clients, trim(s.rate()));
        return List.of(
                new Row(
                        String.format(
                                Locale.ROOT,
                                "subscribe %,d clients, fresh server (s)",
                                idleClients),
                        "%.2f",
                        r -> r.subscribeSeconds()),
                new Row(
                        "server CPU while subscribing them (s; the load generator not counted)",
                        "%.2f",
                        r -> r.subscribeServerCpuSeconds()),
                new Row(
                        "memory per idle watching connection, KB (JVM: heap after full GC; Web-STOMP: process RSS)",
                        "%.1f",
                        r -> r.memory() == null ? null : r.memory().perConnectionBytes() / 1024),
                new Row(
                        "delivered/s, publisher at full speed",
                        "%,.0f",
                        r -> r.flood() == null ? null : r.flood().delivery().deliveredPerSecond()),
                new Row(
                        "CPU per delivery, server process (us)",
                        "%.1f",
                        r -> r.flood() == null ? null : r.flood().serverCpuPerDeliveryMicros()),
                new Row(
                        "CPU per delivery, RabbitMQ (us; Web-STOMP: the same process)",
                        "%.1f",
                        r -> r.flood() == null ? null : r.flood().brokerCpuPerDeliveryMicros()),
                new Row(
                        "p50 publish-to-client, " + paced + " (ms)",
                        "%.1f",
                        r -> r.paced() == null ? null : r.paced().delivery().p50Millis()),
                new Row(
                        "p90, same run (ms)",
                        "%.1f",
                        r -> r.paced() == null ? null : r.paced().delivery().p90Millis()),
                new Row(
                        "p99, same run (ms)",
                        "%.1f",
                        r -> r.paced() == null ? null : r.paced().delivery().p99Millis()),
                new Row(
                        "max, same run (ms)",
                        "%.1f",
                        r -> r.paced() == null ? null : r.paced().delivery().maxMillis()),
                new Row(
                        "other processes during the flood, cores busy (noise; should be ~0)",
                        "%.2f",
                        r -> r.flood() == null ? null : r.flood().otherProcessesCores(),
                        false));
    }

    private static Stats stats(List<ServerRun> runs, ServerKind kind, Row row) {
        return Stats.of(
                runs.stream()
                        .filter(r -> r.server().equals(kind.key()))
                        .map(row.value())
                        .filter(Objects::nonNull)
                        .toList());
    }

    private static String cell(Stats stats, Stats floor, String format, ServerKind kind) {
        if (stats == null) {
            return "-";
        }
        StringBuilder cell = new StringBuilder(String.format(Locale.ROOT, format, stats.median()));
        if (stats.count() > 1) {
            cell.append(" [")
                    .append(String.format(Locale.ROOT, format, stats.min()))
                    .append('-')
                    .append(String.format(Locale.ROOT, format, stats.max()))
                    .append(']');
        }
        if (floor != null && kind != ServerKind.BARE_BATCHED && floor.median() != 0) {
            cell.append(String.format(Locale.ROOT, " (%.2fx)", stats.median() / floor.median()));
        }
        return cell.toString();
    }

    private static String gcCell(List<ServerRun> runs, ServerKind kind) {
        int count = 0;
        double max = 0;
        boolean any = false;
        for (ServerRun run : runs) {
            if (!run.server().equals(kind.key())) {
                continue;
            }
            for (var phase :
                    new io.monorail.ws.load.scenario.PhaseMeasure[] {run.flood(), run.paced()}) {
                if (phase != null && phase.gcPauses() != null) {
                    any = true;
                    count += phase.gcPauses();
                    max = Math.max(max, phase.gcMaxPauseMillis());
                }
            }
        }
        return any ? String.format(Locale.ROOT, "%d, %.1f", count, max) : "n/a";
    }

    private static String accountingCell(List<ServerRun> runs, ServerKind kind) {
        long lost = 0;
        long dup = 0;
        long order = 0;
        boolean any = false;
        for (ServerRun run : runs) {
            if (!run.server().equals(kind.key())) {
                continue;
            }
            for (var phase :
                    new io.monorail.ws.load.scenario.PhaseMeasure[] {run.flood(), run.paced()}) {
                if (phase != null) {
                    any = true;
                    lost += phase.delivery().lost();
                    dup += phase.delivery().duplicates();
                    order += phase.delivery().orderViolations();
                }
            }
        }
        return any ? lost + " / " + dup + " / " + order : "-";
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
