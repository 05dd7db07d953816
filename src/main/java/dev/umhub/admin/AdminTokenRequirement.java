package dev.umhub.admin;

import java.net.InetAddress;
import org.springframework.boot.autoconfigure.web.ServerProperties;

/**
 * The admin API shows events, customers and dead letters and can replay them: it must not be open to a network. When
 * it is on and the server listens anywhere but loopback ({@code server.address}), umhub refuses to start until
 * {@code umhub.admin.token} is set.
 */
public class AdminTokenRequirement {

    public AdminTokenRequirement(ServerProperties server, AdminProperties admin) {
        InetAddress address = server.getAddress();
        boolean loopback = address != null && address.isLoopbackAddress();
        if (admin.isEnabled() && !loopback && admin.getToken().isBlank()) {
            throw new IllegalStateException("umhub listens on " + (address == null ? "all addresses" : address.getHostAddress())
                    + " with its admin API on, but umhub.admin.token is not set: set it (the admin API needs it off"
                    + " loopback), listen on loopback only with server.address=127.0.0.1, or set umhub.admin.enabled=false");
        }
    }
}
