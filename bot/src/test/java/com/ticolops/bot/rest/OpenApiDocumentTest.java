package com.ticolops.bot.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.bot.testsupport.Ticolops;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** Every endpoint under /api/v1 that the application serves is in the OpenAPI document, and the document needs no token. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentTest {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyApiEndpointTheApplicationServesIsInTheOpenApiDocument() {
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> info.getPatternValues().stream().filter(path -> path.startsWith("/api/v1"))
                .forEach(path -> info.getMethodsCondition().getMethods().forEach(verb -> served.add(verb.name() + " " + path))));

        Ticolops.Response document = new Ticolops(port).get("/v3/api-docs");

        assertThat(document.status()).isEqualTo(200);
        Set<String> documented = new TreeSet<>();
        document.body().path("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(verb -> documented.add(verb.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
        assertThat(served).as("the API endpoints this application serves").contains("GET /api/v1/tokens");
        assertThat(documented).as("what /v3/api-docs documents").containsAll(served);
    }

    @Test
    void theDocumentSaysHowToAuthenticate() {
        JsonNode document = new Ticolops(port).get("/v3/api-docs").body();

        assertThat(document.path("components").path("securitySchemes").path("personal-token").path("scheme").asString()).isEqualTo("bearer");
    }
}
