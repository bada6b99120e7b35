package io.monorail.ws.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.domain.filter.FilterLimits;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResourceCatalogExchangesTest {
    @Test
    void everyExchangeAWatchMayBind_isListed_withTheMqExchangesAsConfigured() {
        ResourceCatalog catalog = ResourceCatalog.defaults(FilterLimits.defaults());

        assertThat(catalog.exchanges())
                .containsExactly("on.events", "on.logging", "on.test", "on.waterline");
        assertThat(catalog.withAllowedExchanges(Set.of("rackhd.custom")).exchanges())
                .containsExactly("on.events", "on.logging", "on.waterline", "rackhd.custom");
    }
}
