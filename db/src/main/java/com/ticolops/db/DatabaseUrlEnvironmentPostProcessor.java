package com.ticolops.db;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Accepts the {@code DATABASE_URL=postgres://user:pass@host:port/db} form that hosting platforms hand out,
 * and turns it into Spring's datasource properties. An explicit {@code SPRING_DATASOURCE_URL} wins.
 */
class DatabaseUrlEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String DATABASE_URL = "DATABASE_URL";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String databaseUrl = environment.getProperty(DATABASE_URL);
        if (databaseUrl == null || databaseUrl.isBlank() || environment.containsProperty("spring.datasource.url")) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource("ticolopsDatabaseUrl", toDatasourceProperties(databaseUrl)));
    }

    static Map<String, Object> toDatasourceProperties(String databaseUrl) {
        URI uri = URI.create(databaseUrl.trim());
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new IllegalArgumentException(DATABASE_URL + " must look like postgres://user:password@host:5432/database, got scheme '"
                    + uri.getScheme() + "'");
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException(DATABASE_URL + " must name a host and a database: postgres://user:password@host:5432/database");
        }
        Map<String, Object> properties = new HashMap<>();
        String port = uri.getPort() == -1 ? "5432" : String.valueOf(uri.getPort());
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        properties.put("spring.datasource.url", "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            properties.put("spring.datasource.username", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                properties.put("spring.datasource.password", decode(userInfo.substring(colon + 1)));
            }
        }
        return properties;
    }

    /** Percent-decoding only: in a URL's user info a '+' is a plus, not a space. */
    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
