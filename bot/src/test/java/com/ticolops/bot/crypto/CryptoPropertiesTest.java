package com.ticolops.bot.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class CryptoPropertiesTest {

    @Test
    void theKeysAreReadFromTheEnvironmentVariablesTheRunbookNames() {
        Map<String, Object> environment = Map.of("TICOLOPS_CRYPTO_KEY", "key", "TICOLOPS_CRYPTO_NEXT_KEY", "next",
                "TICOLOPS_CRYPTO_PREVIOUS_KEY", "previous");

        CryptoProperties properties = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)))
                .bindOrCreate("ticolops", CryptoProperties.class);

        assertThat(properties.crypto()).isEqualTo(new CryptoProperties.Crypto("key", "next", "previous"));
    }
}
