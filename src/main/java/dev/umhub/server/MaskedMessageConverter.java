package dev.umhub.server;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.umhub.support.Secrets;

/**
 * The log message with secrets masked, whoever logged it: umhub, Camel, or Tomcat echoing a request line it refused
 * ({@code ?token=...} included).
 */
public class MaskedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Secrets.mask(super.convert(event));
    }
}
