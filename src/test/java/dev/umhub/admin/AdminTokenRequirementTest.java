package dev.umhub.admin;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.web.ServerProperties;

class AdminTokenRequirementTest {

    private static void check(String address, String token) throws Exception {
        ServerProperties server = new ServerProperties();
        server.setAddress(address == null ? null : InetAddress.getByName(address));
        AdminProperties p = new AdminProperties();
        p.setEnabled(true);
        p.setToken(token);
        new AdminTokenRequirement(server, p);
    }

    @Test
    void offLoopbackItRefusesToStartWithoutAnAdminToken() {
        assertThatThrownBy(() -> check("0.0.0.0", "")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("umhub.admin.token");
        assertThatThrownBy(() -> check(null, "")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> check("192.0.2.10", " ")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onLoopbackOrWithATokenItStarts() {
        assertThatCode(() -> check("127.0.0.1", "")).doesNotThrowAnyException();
        assertThatCode(() -> check("::1", "")).doesNotThrowAnyException();
        assertThatCode(() -> check("0.0.0.0", "s3cret")).doesNotThrowAnyException();
    }
}
