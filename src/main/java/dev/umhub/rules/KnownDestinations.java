package dev.umhub.rules;

import java.util.Set;
import org.springframework.context.ApplicationEvent;

/** The destinations that exist now, so rules that name another one are reported. */
@FunctionalInterface
public interface KnownDestinations {

    Set<String> names();

    /** Published when the destinations were looked at again (their routes changed). */
    class Changed extends ApplicationEvent {
        public Changed(Object source) {
            super(source);
        }
    }
}
