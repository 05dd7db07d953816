package dev.umhub.admin;

import dev.umhub.delivery.DeadLetters;
import dev.umhub.store.Delivery;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Dead letters (deliveries that failed for good) and their replay. */
@RestController
@RequestMapping("/api/dead-letters")
public class DeadLettersController {

    private final DeadLetters deadLetters;

    public DeadLettersController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    public List<Delivery> list(@RequestParam(defaultValue = "100") int limit) {
        return deadLetters.list(Limits.check(limit));
    }

    /** Schedules the dead letter for a new round of attempts now; answers the delivery, pending again. */
    @PostMapping("/{id}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Delivery replay(@PathVariable String id) {
        return deadLetters.replay(id).orElseThrow(() -> new AdminProblems.NotFound("no dead letter " + id));
    }
}
