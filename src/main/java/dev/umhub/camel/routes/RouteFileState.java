package dev.umhub.camel.routes;

import java.time.Instant;
import java.util.List;

/**
 * One route file as {@code GET /api/routes} and {@code /actuator/health} show it.
 *
 * @param state     {@code running} (this version runs), {@code stale} (its last edit failed; the previous version
 *                  keeps running), {@code failed} (no version runs: its paths answer 503)
 * @param routes    ids of the routes it defines
 * @param paths     the HTTP paths its routes listen on
 * @param errorFile the file the last error is in (the route file, or its mapping), or null
 * @param error     why the last load failed, or null
 * @param errorLine the line of the file the error points at, or 0
 */
public record RouteFileState(String file, String state, List<String> routes, List<String> paths, String errorFile,
                             String error, int errorLine, Instant loadedAt, Instant failedAt) {
}
