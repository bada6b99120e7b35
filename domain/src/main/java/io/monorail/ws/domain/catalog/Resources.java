package io.monorail.ws.domain.catalog;

import io.monorail.ws.domain.error.RequestException;
import io.monorail.ws.domain.filter.FilterException;
import io.monorail.ws.protocol.ErrorCode;

/** Helpers shared by resource definitions. */
final class Resources {
    private Resources() {}

    static RequestException toRequestException(FilterException e) {
        ErrorCode code =
                e.kind() == FilterException.Kind.FORBIDDEN_OPERATOR
                        ? ErrorCode.FORBIDDEN_OPERATOR
                        : ErrorCode.BAD_PARAMS;
        return new RequestException(code, e.getMessage());
    }
}
