package dev.umhub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** umhub: Ultimate Multisite events in through Camel routes, Drools rules decide, durable delivery out. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class UmhubApplication {

    public static void main(String[] args) {
        SpringApplication.run(UmhubApplication.class, args);
    }
}
