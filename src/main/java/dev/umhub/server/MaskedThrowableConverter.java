package dev.umhub.server;

import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.umhub.support.Secrets;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/** Stack traces in the log with secrets masked: exception messages quote URLs and request lines too. */
public class MaskedThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return Secrets.mask(super.throwableProxyToString(tp));
    }
}
