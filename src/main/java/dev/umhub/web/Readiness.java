package dev.umhub.web;

/** Whether umhub can take events now: its Camel routes are loaded and running. */
@FunctionalInterface
public interface Readiness {

    boolean ready();
}
