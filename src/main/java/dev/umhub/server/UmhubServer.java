package dev.umhub.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;

/**
 * The standalone umhub server: the umhub library (which Spring Boot auto-configures like any other) plus this main
 * class and its defaults ({@code umhub-server.yml}: port and loopback address, the admin API on, live routes and
 * rules folders, problem+json for every path, secrets masked in the log). It scans only its own package: everything
 * else comes from the library's auto-configuration, exactly as in an application that embeds umhub.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackageClasses = UmhubServer.class)
public class UmhubServer {

    public static void main(String[] args) {
        SpringApplication.run(UmhubServer.class, args);
    }
}
