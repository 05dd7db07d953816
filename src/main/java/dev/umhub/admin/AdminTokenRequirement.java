package dev.umhub.admin;

import dev.umhub.autoconfigure.UmhubProperties;
import java.net.InetAddress;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.stereotype.Component;

/**
 * The admin API shows events, customers and dead letters and can replay them: it must not be open to a network.
 * umhub listens on loopback by default; bound anywhere else ({@code server.address}), it refuses to start until
 * {@code umhub.admin.token} is set.
 */
@Component
public class AdminTokenRequirement {

    public AdminTokenRequirement(ServerProperties server, UmhubProperties properties) {
        InetAddress address = server.getAddress();
        boolean loopback = address != null && address.isLoopbackAddress();
        String token = properties.getAdmin().getToken();
        if (!loopback && (token == null || token.isBlank())) {
            throw new IllegalStateException("umhub listens on " + (address == null ? "all addresses" : address.getHostAddress())
                    + " but umhub.admin.token is not set: set it (the admin API needs it off loopback),"
                    + " or listen on loopback only with server.address=127.0.0.1");
        }
    }
}
