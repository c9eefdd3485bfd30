package com.ticolops.integrations.slack;

import com.ticolops.integrations.chat.CommandPort;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /slack/manifest}: the app manifest to paste into Slack. Served whether or not Slack is configured yet,
 * since creating the app from it is how the tokens are obtained in the first place.
 */
@RestController
class SlackManifestController {

    private final CommandPort commands;
    private final SlackProperties properties;
    private final Environment environment;

    SlackManifestController(CommandPort commands, SlackProperties properties, Environment environment) {
        this.commands = commands;
        this.properties = properties;
        this.environment = environment;
    }

    @GetMapping(path = "/slack/manifest", produces = "application/json")
    Map<String, Object> manifest() {
        return SlackManifest.build(commands.commands(), properties.appName(), publicUrl(), properties.socketModeEnabled());
    }

    private String publicUrl() {
        if (StringUtils.hasText(properties.publicUrl())) {
            return properties.publicUrl();
        }
        String general = environment.getProperty("ticolops.public-url");
        return StringUtils.hasText(general) ? general : ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
    }
}
