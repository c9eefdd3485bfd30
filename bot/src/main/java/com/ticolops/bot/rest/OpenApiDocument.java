package com.ticolops.bot.rest;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What /v3/api-docs says of the API as a whole; springdoc adds each endpoint from its controller. */
@Configuration
class OpenApiDocument {

    static final String BEARER = "personal-token";

    @Bean
    OpenAPI ticolopsApi() {
        return new OpenAPI()
                .info(new Info().title("Ticolops API").version("v1")
                        .description("Every answer is {data, meta, errors}; lists take page and per_page and say meta.total. "
                                + "Authenticate with a personal token: Authorization: Bearer tcp_... (/ticolops token create <name>)."))
                .components(new Components().addSecuritySchemes(BEARER,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("tcp_ personal token")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
