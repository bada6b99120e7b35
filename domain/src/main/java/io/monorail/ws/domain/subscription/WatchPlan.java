package io.monorail.ws.domain.subscription;

import io.monorail.ws.domain.filter.Filter;
import io.monorail.ws.domain.port.out.TopicBinding;
import java.util.Set;

/**
 * How one watch is served: the bindings that bring its events, the filter they must pass, and how
 * they are presented. Watches with equal keys share one plan.
 */
public record WatchPlan(Set<TopicBinding> bindings, Filter filter, EventTranslator translator) {
    public WatchPlan {
        bindings = Set.copyOf(bindings);
        if (bindings.isEmpty()) {
            throw new IllegalArgumentException("a watch needs at least one binding");
        }
    }
}
