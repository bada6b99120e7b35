package io.monorail.ws.adapter.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {
    @Test
    void sameOrigin_comparesSchemeHostAndPort_withDefaultPorts() {
        OriginPolicy policy = OriginPolicy.sameOrigin();

        assertThat(policy.allows("http://gw.example:9100", "gw.example", 9100, false)).isTrue();
        assertThat(policy.allows("HTTP://GW.example:9100", "gw.example", 9100, false)).isTrue();
        assertThat(policy.allows("https://gw.example", "gw.example", 443, true)).isTrue();
        assertThat(policy.allows("http://gw.example", "gw.example", 443, true)).isFalse();
        assertThat(policy.allows("http://gw.example:9101", "gw.example", 9100, false)).isFalse();
        assertThat(policy.allows("http://other.example:9100", "gw.example", 9100, false)).isFalse();
    }

    @Test
    void noOrigin_isNotABrowser_andIsAllowed() {
        assertThat(OriginPolicy.sameOrigin().allows(null, "gw", 9100, false)).isTrue();
        assertThat(OriginPolicy.allowList(List.of("https://ui")).allows(null, "gw", 1, false))
                .isTrue();
    }

    @Test
    void nullAndGarbageOrigins_areRefused() {
        for (String origin :
                List.of("null", "", "not an origin", "http://a:9100/path", "file:///x")) {
            assertThat(OriginPolicy.sameOrigin().allows(origin, "a", 9100, false))
                    .as(origin)
                    .isFalse();
        }
    }

    @Test
    void allowList_matchesNormalizedOrigins_andStarAllowsAll() {
        OriginPolicy policy =
                OriginPolicy.allowList(List.of(" https://UI.example.com ", "http://h:8080"));

        assertThat(policy.allows("https://ui.example.com:443", "gw", 9100, false)).isTrue();
        assertThat(policy.allows("http://h:8080", "gw", 9100, false)).isTrue();
        assertThat(policy.allows("http://h:8081", "gw", 9100, false)).isFalse();
        assertThat(OriginPolicy.allowList(List.of("*")).allows("http://any", "gw", 1, false))
                .isTrue();
        assertThat(OriginPolicy.allowList(List.of()).toString()).isEqualTo("same origin");
    }

    @Test
    void allowListEntriesThatAreNotOrigins_areRefused() {
        assertThatThrownBy(() -> OriginPolicy.allowList(List.of("ui.example.com")))
                .hasMessageContaining("'ui.example.com' is not an origin");
        assertThatThrownBy(() -> OriginPolicy.allowList(List.of("https://ui/path")))
                .hasMessageContaining("is not an origin");
    }
}
