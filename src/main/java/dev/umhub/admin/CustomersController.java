package dev.umhub.admin;

import dev.umhub.connector.CustomerRecord;
import dev.umhub.store.CustomerStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/** What umhub knows of a platform customer, including the CRM contact id the CRM gave back. */
@UmhubAdminApi
@RequestMapping("/customers")
public class CustomersController {

    private final CustomerStore customers;

    public CustomersController(CustomerStore customers) {
        this.customers = customers;
    }

    @GetMapping("/{customerId}")
    public Map<String, Object> customer(@PathVariable String customerId) {
        CustomerRecord c = customers.find(customerId)
                .orElseThrow(() -> new AdminProblems.NotFound("no customer " + customerId));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("customerId", c.customerId());
        out.put("email", c.email());
        out.put("name", c.name());
        out.put("externalIds", c.externalIds());
        return out;
    }
}
