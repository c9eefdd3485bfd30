package com.ticolops.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DatabaseUrlEnvironmentPostProcessorTest {

    private final DatabaseUrlEnvironmentPostProcessor postProcessor = new DatabaseUrlEnvironmentPostProcessor();

    @Test
    void aHerokuStyleDatabaseUrlBecomesTheJdbcUrlUserAndPassword() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("DATABASE_URL", "postgres://ops:p%40ss+word@db.internal:6543/ticolops?sslmode=require");

        postProcessor.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.internal:6543/ticolops?sslmode=require");
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("ops");
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("p@ss+word");
    }

    @Test
    void theDefaultPortIsPostgresPort() {
        MockEnvironment environment = new MockEnvironment().withProperty("DATABASE_URL", "postgresql://ops@db/ticolops");

        postProcessor.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db:5432/ticolops");
    }

    @Test
    void anExplicitSpringDatasourceUrlWins() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("DATABASE_URL", "postgres://ops:secret@db:5432/ticolops")
                .withProperty("spring.datasource.url", "jdbc:postgresql://elsewhere:5432/other");

        postProcessor.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://elsewhere:5432/other");
    }

    @Test
    void aDatabaseUrlThatIsNotPostgresIsRefusedWithTheExpectedForm() {
        MockEnvironment environment = new MockEnvironment().withProperty("DATABASE_URL", "mysql://ops:secret@db:3306/ticolops");

        assertThatThrownBy(() -> postProcessor.postProcessEnvironment(environment, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgres://user:password@host:5432/database");
    }
}
