package dev.umhub.example;

import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The host's own sign-up form: an HTML form posts name and email, which are kept in the host's database. */
@RestController
public class SignupController {

    /** What the form answers: the values it read. */
    public record Signup(String name, String email, String message) {
    }

    /** A sign-up as kept. */
    public record Entry(String name, String email) {
    }

    private final JdbcTemplate jdbc;

    public SignupController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @PostMapping(path = "/signup", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public Signup signup(@RequestParam String name, @RequestParam String email) {
        jdbc.update("INSERT INTO host_signup (name, email) VALUES (?, ?)", name, email);
        return new Signup(name, email, "Welcome, " + name);
    }

    @GetMapping("/signups")
    public List<Entry> signups() {
        return jdbc.query("SELECT name, email FROM host_signup ORDER BY id",
                (row, n) -> new Entry(row.getString("name"), row.getString("email")));
    }
}
