package com.ticolops.db;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code ticolops.home} ({@code TICOLOPS_HOME}): where the embedded database keeps its data. */
@ConfigurationProperties("ticolops")
record EmbeddedDatabaseProperties(@DefaultValue(".ticolops") Path home) {

    Path dataDirectory() {
        return home.resolve("postgres").toAbsolutePath().normalize();
    }
}
