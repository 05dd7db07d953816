package dev.umhub.camel.routes;

import org.springframework.context.ApplicationEvent;

/** Published when umhub's routes were loaded, replaced or removed: destinations come and go with their routes. */
public class RoutesChanged extends ApplicationEvent {

    public RoutesChanged(Object source) {
        super(source);
    }
}
