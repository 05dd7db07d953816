package dev.umhub.web;

import java.util.Optional;

/**
 * The paths umhub's source routes listen on, as the routes declare them (a route file is the one place a path is
 * written). Implemented by whoever loads the routes.
 */
public interface IntakePaths {

    /** The source route serving this request path, if one of umhub's routes declares it. */
    Optional<Intake> find(String path);

    /**
     * A declared source path.
     *
     * @param running false while its route is not running (failed to build, reloading): requests then get 503
     */
    record Intake(boolean running) {
    }
}
