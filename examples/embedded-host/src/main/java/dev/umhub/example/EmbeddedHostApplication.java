package dev.umhub.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An existing Camel Spring Boot application: a sign-up form writing to its own database, and Camel routes of its own
 * ({@code src/main/resources/camel/}). umhub came in with one dependency (dev.umhub:umhub) and a few {@code umhub.*}
 * settings; nothing here refers to umhub's classes.
 */
@SpringBootApplication
public class EmbeddedHostApplication {

    public static void main(String[] args) {
        SpringApplication.run(EmbeddedHostApplication.class, args);
    }
}
