package com.ticolops.db.test;

import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/** Points every Spring test context at the {@link SharedTestDatabase} (registered in META-INF/spring.factories). */
public class SharedTestDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return new SharedTestDatabaseCustomizer();
    }

    private record SharedTestDatabaseCustomizer() implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("sharedTestDatabase", Map.of(
                    "spring.datasource.url", SharedTestDatabase.jdbcUrl(),
                    "spring.datasource.username", SharedTestDatabase.username())));
        }
    }
}
