package io.monorail.ws.load;

import io.monorail.ws.load.server.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code monorail-load.jar}: {@code compare}, {@code run}, {@code bare}. */
@Command(
        name = "monorail-load",
        mixinStandardHelpOptions = true,
        subcommands = {
            CompareCommand.class,
            RunCommand.class,
            DetachedCommand.class,
            ClusterCommand.class,
            BareCommand.class
        },
        description =
                "Load tool for monorail-ws: measures a server in another process beside RabbitMQ"
                        + " Web-STOMP and a bare Jetty fan-out server.")
public final class LoadTool {
    private LoadTool() {}

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new LoadTool());
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    if (e instanceof UserError) {
                        System.err.println(e.getMessage());
                        return 2;
                    }
                    throw e;
                });
        // Jetty and AMQP threads would keep the JVM alive after a command returned.
        System.exit(cli.execute(args));
    }
}
