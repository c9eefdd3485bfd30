package com.ticolops.bot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableAsync;

/** Ticolops: the domain lives in this module's packages; adapters come from {@code com.ticolops.integrations}. */
@SpringBootApplication(scanBasePackages = {"com.ticolops.bot", "com.ticolops.integrations"})
@ConfigurationPropertiesScan
@EnableAsync
public class TicolopsApplication {

    public static void main(String[] args) {
        SpringApplication.run(TicolopsApplication.class, args);
    }
}
