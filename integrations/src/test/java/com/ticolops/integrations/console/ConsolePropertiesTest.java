package com.ticolops.integrations.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.integrations.console.ConsoleProperties.Mode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ConsolePropertiesTest {

    @Test
    void theConsoleIsLocalUnlessConfiguredOtherwise() {
        assertThat(bind(Map.of()).mode()).isEqualTo(Mode.LOCAL);
    }

    @Test
    void everyModeIsAcceptedAsTheReadmeWritesIt() {
        assertThat(bind(Map.of("ticolops.console.mode", "off")).mode()).isEqualTo(Mode.OFF);
        assertThat(bind(Map.of("ticolops.console.mode", "signed-in")).mode()).isEqualTo(Mode.SIGNED_IN);
        assertThat(bind(Map.of("ticolops.console.mode", "local")).mode()).isEqualTo(Mode.LOCAL);
    }

    private static ConsoleProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("ticolops.console", ConsoleProperties.class);
    }
}
