package dev.umhub.connector.route;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A destination is a route that consumes {@code direct:deliver-<name>}: the name is the destination's. */
public final class RouteDestinations {

    private static final Pattern DELIVER = Pattern.compile("direct:(?://)?deliver-([A-Za-z0-9][A-Za-z0-9_.-]{0,62})");

    private RouteDestinations() {
    }

    /** The destination a route's input endpoint makes, or null when it makes none. */
    public static String nameOf(String endpointUri) {
        if (endpointUri == null) {
            return null;
        }
        int query = endpointUri.indexOf('?');
        Matcher m = DELIVER.matcher(query < 0 ? endpointUri : endpointUri.substring(0, query));
        return m.matches() ? m.group(1) : null;
    }
}
