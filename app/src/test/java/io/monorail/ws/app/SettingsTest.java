package io.monorail.ws.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir Path dir;

    @Test
    void noSettingsGiven_areTheDefaultsOfTheTable() {
        Settings settings = Settings.load(Map.of(), null);

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(9100);
        assertThat(settings.amqpUri()).isEmpty();
        assertThat(settings.embeddedAmqpPort()).isEqualTo(5673);
        assertThat(settings.mongoUri()).isEmpty();
        assertThat(settings.mongoDatabase()).isEqualTo("pxe");
        assertThat(settings.embeddedMongoPort()).isEqualTo(27018);
        assertThat(settings.embeddedMongoFile()).isEmpty();
        assertThat(settings.changeStreams()).isFalse();
        assertThat(settings.maxResults()).isEqualTo(1000);
        assertThat(settings.queryTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.readThreads()).isEqualTo(4);
        assertThat(settings.mqExchanges())
                .containsExactly("on.events", "on.logging", "on.waterline", "on.test");
        assertThat(settings.catalog()).isEmpty();
        assertThat(settings.maxFrameBytes()).isEqualTo(65_536);
        assertThat(settings.maxJsonDepth()).isEqualTo(32);
        assertThat(settings.maxWatches()).isEqualTo(100);
        assertThat(settings.maxTrackedIds()).isEqualTo(10_000);
        assertThat(settings.maxOutgoingFrames()).isEqualTo(1024);
        assertThat(settings.sessionLimits().replayMessages()).isEqualTo(10_000);
        assertThat(settings.sessionLimits().replayBytes()).isEqualTo(8_388_608);
        assertThat(settings.sessionLimits().grace()).hasSeconds(120);
        assertThat(settings.sessionLimits().maxDetachedSessions()).isEqualTo(1000);
        assertThat(settings.pingInterval()).hasSeconds(25);
        assertThat(settings.idleTimeout()).hasSeconds(60);
        assertThat(settings.jwtSecret()).isEmpty();
        assertThat(settings.tlsPassword()).isEmpty();
    }

    @Test
    void environment_winsOverTheFile_whichWinsOverDefaults() throws Exception {
        Path file = write("settings.yaml", "port: 1234\nmax_results: 77\n");

        Settings settings = Settings.load(Map.of("MONORAIL_PORT", " 2345 "), file);

        assertThat(settings.port()).isEqualTo(2345);
        assertThat(settings.maxResults()).isEqualTo(77);
        assertThat(settings.maxWatches()).isEqualTo(100);
    }

    @Test
    void yamlFile_takesScalarsAndLists() throws Exception {
        Path file =
                write(
                        "settings.yaml",
                        "amqp_uri: amqp://guest:guest@rabbit:5672\n"
                                + "changes: changestream\n"
                                + "ping_seconds: 5\n"
                                + "allowed_origins:\n"
                                + "  - https://a.example.com\n"
                                + "  - https://b.example.com\n"
                                + "jwt_issuer:\n");

        Settings settings = Settings.load(Map.of(), file);

        assertThat(settings.amqpUri()).contains(URI.create("amqp://guest:guest@rabbit:5672"));
        assertThat(settings.changeStreams()).isTrue();
        assertThat(settings.pingInterval()).hasSeconds(5);
        assertThat(settings.allowedOrigins())
                .containsExactly("https://a.example.com", "https://b.example.com");
        assertThat(settings.jwtIssuer()).as("an empty YAML value is no value").isEmpty();
    }

    @Test
    void jsonFile_isReadToo() throws Exception {
        Path file =
                write(
                        "settings.json",
                        "{\"host\": \"0.0.0.0\", \"max_connections\": 7,"
                                + " \"mq_routing_keys\": [\"graph.#\", \"tasks.*\"]}");

        Settings settings = Settings.load(Map.of(), file);

        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.maxConnections()).isEqualTo(7);
        assertThat(settings.mqRoutingKeys()).containsExactly("graph.#", "tasks.*");
    }

    @Test
    void badValues_areAllReportedAtOnce_namingEachVariable() {
        assertThatThrownBy(
                        () ->
                                Settings.load(
                                        Map.of(
                                                "MONORAIL_PORT", "abc",
                                                "MONORAIL_AUTH", "basic",
                                                "MONORAIL_MAX_WATCHES", "0"),
                                        null))
                .isInstanceOf(Settings.SettingsException.class)
                .hasMessageStartingWith("3 bad settings: ")
                .hasMessageContaining("MONORAIL_PORT=abc is not a number")
                .hasMessageContaining("MONORAIL_MAX_WATCHES=0 must be between 1 and 100000")
                .hasMessageContaining("MONORAIL_AUTH=basic must be 'none' or 'jwt'");
    }

    @Test
    void clusterMode_needsAnExternalBroker_andRecordChangesFromIt() {
        assertThatThrownBy(() -> Settings.of(Map.of("cluster", "streams")))
                .isInstanceOf(Settings.SettingsException.class)
                .hasMessageContaining("MONORAIL_CLUSTER=streams needs an external RabbitMQ")
                .hasMessageContaining("MONORAIL_AMQP_URI");
        assertThatThrownBy(
                        () ->
                                Settings.of(
                                        Map.of(
                                                "cluster", "streams",
                                                "amqp_uri", "amqp://rabbit:5672",
                                                "changes", "changestream")))
                .isInstanceOf(Settings.SettingsException.class)
                .hasMessageContaining("MONORAIL_CHANGES=waterline");
    }

    @Test
    void clusterMode_namesItsInstanceOnce_andKeepsTheStreamsTwiceTheGracePlusAMinute() {
        Settings named =
                Settings.of(
                        Map.of(
                                "cluster", "streams",
                                "amqp_uri", "amqp://rabbit:5672",
                                "cluster_instance", "gw-1",
                                "resume_grace_seconds", "60"));
        Settings generated =
                Settings.of(Map.of("cluster", "streams", "amqp_uri", "amqp://rabbit:5672"));

        assertThat(named.cluster().enabled()).isTrue();
        assertThat(named.cluster().instance()).isEqualTo("gw-1");
        assertThat(named.clusterStreams().maxAge()).isEqualTo(java.time.Duration.ofMinutes(3));
        assertThat(named.clusterStreams().events()).isEqualTo("monorail.events");
        assertThat(generated.cluster().instance())
                .as("unique per start")
                .isNotEqualTo(generated.cluster().instance());
        assertThat(Settings.of(Map.of()).cluster().enabled()).isFalse();
    }

    @Test
    void badValueInTheFile_saysWhichFile() throws Exception {
        Path file = write("settings.yaml", "read_threads: many\n");

        assertThatThrownBy(() -> Settings.load(Map.of(), file))
                .hasMessage(
                        "bad setting: MONORAIL_READ_THREADS=many (in "
                                + file
                                + ") is not a number");
    }

    @Test
    void misspelledVariable_isRefused_withTheNearestName() {
        assertThatThrownBy(() -> Settings.load(Map.of("MONORAIL_PROT", "9000"), null))
                .hasMessage(
                        "bad setting: MONORAIL_PROT is not a setting; did you mean MONORAIL_PORT?");
        assertThatThrownBy(() -> Settings.load(Map.of("MONORAIL_max_results", "9"), null))
                .hasMessageContaining("did you mean MONORAIL_MAX_RESULTS?");
    }

    @Test
    void unknownVariableFarFromAnyName_isRefused_withoutAGuess() {
        assertThatThrownBy(() -> Settings.load(Map.of("MONORAIL_COLOUR_SCHEME", "dark"), null))
                .hasMessage("bad setting: MONORAIL_COLOUR_SCHEME is not a setting");
    }

    @Test
    void otherVariables_andTheBuildsTestVariables_areNotLookedAt() {
        Settings settings =
                Settings.load(
                        Map.of(
                                "PATH", "/usr/bin",
                                "MONORAIL", "x",
                                "MONORAIL_IT_REQUIRE_RABBITMQ", "true"),
                        null);

        assertThat(settings.port()).isEqualTo(9100);
    }

    @Test
    void unknownKeyInTheFile_isRefused_withTheNearestName_andBadValuesBesideIt() throws Exception {
        Path file = write("settings.yaml", "max_result: 5\nport: -1\n");

        assertThatThrownBy(() -> Settings.load(Map.of(), file))
                .hasMessageStartingWith("2 bad settings: ")
                .hasMessageContaining(
                        "'max_result' (in "
                                + file
                                + ") is not a setting; did you mean 'max_results'?")
                .hasMessageContaining(
                        "MONORAIL_PORT=-1 (in " + file + ") must be between 0 and 65535");
    }

    @Test
    void unknownOverride_isRefused_withTheNearestName() {
        assertThatThrownBy(() -> Settings.of(Map.of("prot", "0")))
                .hasMessageContaining("'prot' is not a setting; did you mean 'port'?");
    }

    @Test
    void uriThatMayHoldAPassword_isNotRepeatedInTheMessage() {
        assertThatThrownBy(
                        () ->
                                Settings.of(
                                        Map.of(
                                                "amqp_uri", "http://user:s3cret@rabbit",
                                                "mongo_uri", "mongodb://user:s3cret@db:bad port")))
                .hasMessageContaining("MONORAIL_AMQP_URI=(hidden) must be a URI with scheme amqp")
                .hasMessageContaining("MONORAIL_MONGO_URI=(hidden) is not a valid URI")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void fileThatCannotBeRead_orIsNotAMapping_isReported() throws Exception {
        Path missing = dir.resolve("missing.yaml");
        Path list = write("list.yaml", "- port\n- host\n");

        assertThatThrownBy(() -> Settings.load(Map.of(), missing))
                .hasMessageContaining("cannot read settings file " + missing);
        assertThatThrownBy(() -> Settings.load(Map.of(), list))
                .hasMessageContaining("must hold a mapping of names to values");
    }

    @Test
    void emptyRequiredValues_andBadDatabaseNames_areRefused() {
        assertThatThrownBy(
                        () ->
                                Settings.of(
                                        Map.of(
                                                "host", " ",
                                                "mongo_db", "pxe/other",
                                                "mq_routing_keys", ",")))
                .hasMessageContaining("MONORAIL_HOST=\" \" must not be empty")
                .hasMessageContaining("MONORAIL_MONGO_DB=pxe/other must be 1-63 letters")
                .hasMessageContaining("MONORAIL_MQ_ROUTING_KEYS=, must name at least one pattern");
    }

    @Test
    void tlsPassword_keepsItsSpaces_otherTextIsTrimmed() {
        Settings settings = Settings.of(Map.of("tls_password", " pass ", "jwt_issuer", " iss "));

        assertThat(settings.tlsPassword()).contains(" pass ");
        assertThat(settings.jwtIssuer()).contains("iss");
    }

    @Test
    void helpText_listsEverySetting() {
        String help = Main.settingsHelp();

        for (Setting setting : Setting.values()) {
            assertThat(help).contains(setting.variable());
        }
        assertThat(help).contains("[9100]");
    }

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }
}
