package dev.umhub.admin;

import dev.umhub.store.QuarantineStore;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Messages umhub refused, newest first, with why and the (capped) body as it arrived. */
@UmhubAdminApi
public class QuarantineController {

    private final QuarantineStore quarantine;

    public QuarantineController(QuarantineStore quarantine) {
        this.quarantine = quarantine;
    }

    @GetMapping("/quarantine")
    public List<Map<String, Object>> newest(@RequestParam(defaultValue = "50") int limit) {
        return quarantine.newest(Limits.check(limit));
    }
}
