package dev.umhub.camel.routes;

import java.util.List;
import org.apache.camel.model.RouteDefinition;

/**
 * A kind of file that goes with a route file of the same name ({@code destinations/slack.yaml} and
 * {@code destinations/slack.jsonata}): loaded, refused and replaced together with it, so a route never runs with a
 * companion that does not compile, and editing the companion reloads the route file.
 */
public interface RouteFileCompanion {

    /** The companion's file extension, with its dot. */
    String extension();

    /**
     * Checks a companion before its route file goes live.
     *
     * @param text the companion's text, or null when the route file has none
     * @throws RouteFileException naming the companion file and line when it is not usable
     */
    void check(String companionFile, List<RouteDefinition> routes, String text) throws RouteFileException;

    /** The route file and its companion are live now (text null: it has none). */
    void apply(List<RouteDefinition> routes, String text);

    /** The route file's routes with these ids are gone. */
    void removed(List<String> routeIds);
}
