package com.ticolops.integrations.discord;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local Discord for a real JDA: the REST API on WireMock (login, command registration, interaction callbacks,
 * interaction webhooks, channel messages) and {@link FakeDiscordGateway}. One per test JVM ({@link #shared()}), so
 * every Spring context of a test run talks to the same one; tests keep apart by unique channel and user ids.
 */
public final class FakeDiscord {

    public static final String BOT_ID = "1100000000000000001";
    public static final String APPLICATION_ID = "1100000000000000002";
    public static final String GUILD_ID = "1100000000000000003";
    /** Every permission: the fake's users and channels may do anything. */
    public static final String ALL_PERMISSIONS = "2251799813685247";
    private static final String API = "/api/v10";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long DISCORD_EPOCH = 1_420_070_400_000L;
    private static final AtomicLong NEXT_ID = new AtomicLong();
    private static FakeDiscord shared;

    private final WireMockServer rest;
    private final FakeDiscordGateway gateway;

    private FakeDiscord() throws IOException {
        rest = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(new FreshMessageIds()));
        rest.start();
        ObjectNode bot = user(BOT_ID, "ticolops").put("bot", true);
        gateway = new FakeDiscordGateway(bot, APPLICATION_ID);
        String message = message().toString();
        rest.stubFor(get(API + "/users/@me").willReturn(okJson(bot.toString())));
        rest.stubFor(put(urlPathMatching(API + "/applications/\\d+(/guilds/\\d+)?/commands")).willReturn(okJson("[]")));
        rest.stubFor(post(urlPathMatching(API + "/interactions/\\d+/[^/]+/callback")).willReturn(aResponse().withStatus(204)));
        rest.stubFor(patch(urlPathMatching(API + "/webhooks/\\d+/[^/]+/messages/.+")).willReturn(okJson(message)));
        rest.stubFor(post(urlPathMatching(API + "/webhooks/\\d+/[^/]+")).willReturn(okJson(message)));
        rest.stubFor(delete(urlPathMatching(API + "/webhooks/\\d+/[^/]+/messages/.+")).willReturn(aResponse().withStatus(204)));
        String channelMessage = message().put("id", FreshMessageIds.PLACEHOLDER).toString();
        rest.stubFor(post(urlPathMatching(API + "/channels/\\d+/messages")).willReturn(okJson(channelMessage).withTransformers(FreshMessageIds.NAME)));
        rest.stubFor(patch(urlPathMatching(API + "/channels/\\d+/messages/\\d+")).willReturn(okJson(message)));
        rest.stubFor(any(urlPathMatching(".*")).atPriority(10)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"Unknown route in the fake Discord\", \"code\": 0}")));
    }

    public static synchronized FakeDiscord shared() {
        if (shared == null) {
            try {
                shared = new FakeDiscord();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** A Discord of its own, for a test that counts what reaches it (the shared one is every test's). */
    public static FakeDiscord start() {
        try {
            return new FakeDiscord();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void stop() throws IOException {
        gateway.close();
        rest.stop();
    }

    /** For {@code ticolops.discord.rest-url}. */
    public String restUrl() {
        return rest.baseUrl() + API + "/";
    }

    /** For {@code ticolops.discord.gateway-url}. */
    public String gatewayUrl() {
        return gateway.url();
    }

    public WireMockServer rest() {
        return rest;
    }

    public FakeDiscordGateway gateway() {
        return gateway;
    }

    /**
     * A fresh snowflake, for channel, user and interaction ids no other test uses. Made of the current time, as
     * Discord's are: JDA reads an interaction's age from its id and refuses to answer one older than 15 minutes.
     */
    public static String newId() {
        return Long.toString(((System.currentTimeMillis() - DISCORD_EPOCH) << 22) | (NEXT_ID.incrementAndGet() & 0x3FFFFF));
    }

    /** One option of a slash command as Discord sends it. */
    public record Option(String name, int type, String value) {

        public static Option string(String name, String value) {
            return new Option(name, 3, value);
        }

        public static Option user(String name, String userId) {
            return new Option(name, 6, userId);
        }
    }

    /** An interaction the fake sent; its token names the webhook its answers go to. */
    public record Interaction(String id, String token) {
    }

    /**
     * Sends {@code /ticolops group subcommand options...} from {@code userId} in a text channel of the fake guild.
     * {@code group} may be null for a top-level subcommand.
     */
    public Interaction slashCommand(String channelId, String userId, String userName, String group, String subcommand, Option... options) {
        ObjectNode interaction = interaction(2, channelId, userId, userName);
        ObjectNode data = interaction.putObject("data").put("id", "1100000000000000009").put("name", "ticolops").put("type", 1);
        ObjectNode sub = JSON.createObjectNode().put("type", 1).put("name", subcommand);
        ArrayNode values = sub.putArray("options");
        ObjectNode users = JSON.createObjectNode();
        for (Option option : options) {
            values.addObject().put("name", option.name()).put("type", option.type()).put("value", option.value());
            if (option.type() == 6) {
                users.set(option.value(), user(option.value(), "user" + option.value()));
            }
        }
        if (group == null) {
            data.putArray("options").add(sub);
        } else {
            ObjectNode groupNode = data.putArray("options").addObject().put("type", 2).put("name", group);
            groupNode.putArray("options").add(sub);
        }
        if (!users.isEmpty()) {
            data.putObject("resolved").set("users", users);
        }
        return send(interaction);
    }

    /** A click on a button with {@code customId} of an ephemeral bot message, by {@code userId}. */
    public Interaction buttonClick(String channelId, String userId, String userName, String customId) {
        ObjectNode interaction = interaction(3, channelId, userId, userName);
        interaction.putObject("data").put("custom_id", customId).put("component_type", 2);
        interaction.putObject("message").put("id", newId()).put("flags", 64);
        return send(interaction);
    }

    private Interaction send(ObjectNode interaction) {
        gateway.dispatch("INTERACTION_CREATE", interaction);
        return new Interaction(interaction.path("id").asString(), interaction.path("token").asString());
    }

    /** The fields JDA reads; it drops an interaction silently when one is missing (guild channels need permissions). */
    private static ObjectNode interaction(int type, String channelId, String userId, String userName) {
        String id = newId();
        ObjectNode interaction = JSON.createObjectNode().put("id", id).put("application_id", APPLICATION_ID).put("type", type)
                .put("token", "token-" + id).put("version", 1).put("guild_id", GUILD_ID).put("channel_id", channelId)
                .put("locale", "en-US").put("guild_locale", "en-US").put("app_permissions", ALL_PERMISSIONS).put("context", 0);
        interaction.putObject("guild").put("id", GUILD_ID).put("locale", "en-US").putArray("features");
        interaction.putObject("channel").put("id", channelId).put("type", 0).put("guild_id", GUILD_ID).put("name", "channel-" + channelId)
                .put("position", 0).put("nsfw", false).put("permissions", ALL_PERMISSIONS).put("rate_limit_per_user", 0);
        ObjectNode member = interaction.putObject("member").put("permissions", ALL_PERMISSIONS).put("joined_at", "2026-01-01T00:00:00.000000+00:00")
                .put("deaf", false).put("mute", false).put("flags", 0).put("pending", false);
        member.set("user", user(userId, userName));
        member.putArray("roles");
        interaction.putArray("entitlements");
        interaction.putObject("authorizing_integration_owners").put("0", GUILD_ID);
        return interaction;
    }

    private static ObjectNode user(String id, String name) {
        ObjectNode user = JSON.createObjectNode().put("id", id).put("username", name).put("discriminator", "0").put("global_name", name);
        user.putNull("avatar");
        return user;
    }

    private static ObjectNode message() {
        ObjectNode message = JSON.createObjectNode().put("id", newId()).put("type", 0).put("channel_id", GUILD_ID).put("content", "")
                .put("pinned", false).put("tts", false).put("mention_everyone", false).put("flags", 0)
                .put("timestamp", "2026-01-01T00:00:00.000000+00:00");
        message.putNull("edited_timestamp");
        message.set("author", user(BOT_ID, "ticolops").put("bot", true));
        message.putArray("embeds");
        message.putArray("attachments");
        message.putArray("mentions");
        message.putArray("mention_roles");
        message.putArray("components");
        return message;
    }

    /** The JSON bodies of requests to paths matching {@code pathRegex} (after {@code /api/v10}), oldest first. */
    public List<JsonNode> received(RequestMethod method, String pathRegex) {
        List<JsonNode> bodies = new ArrayList<>();
        for (LoggedRequest request : rest.findAll(new RequestPatternBuilder(method, urlPathMatching(API + pathRegex)))) {
            bodies.add(body(request));
        }
        return bodies;
    }

    /**
     * Makes {@code POST users/@me/channels} (opening the bot's direct messages with a user, JDA's
     * {@code openPrivateChannelById}) answer with a DM channel of its own for that user.
     *
     * @return the DM channel's id, to read its messages with {@link #channelMessages}
     */
    public String directMessageChannel(String userId) {
        String channelId = newId();
        ObjectNode channel = JSON.createObjectNode().put("id", channelId).put("type", 1).putNull("last_message_id");
        channel.putArray("recipients").add(user(userId, "user" + userId));
        rest.stubFor(post(API + "/users/@me/channels").withRequestBody(matchingJsonPath("$.recipient_id", equalTo(userId)))
                .willReturn(okJson(channel.toString())));
        return channelId;
    }

    /** Messages the bot posted to a channel. */
    public List<JsonNode> channelMessages(String channelId) {
        return received(RequestMethod.POST, "/channels/" + channelId + "/messages");
    }

    /** Edits of the channel's messages, oldest first: the edited message's id and the new body. */
    public List<Edit> channelMessageEdits(String channelId) {
        List<Edit> edits = new ArrayList<>();
        String prefix = API + "/channels/" + channelId + "/messages/";
        for (LoggedRequest request : rest.findAll(new RequestPatternBuilder(RequestMethod.PATCH, urlPathMatching(prefix + "\\d+")))) {
            edits.add(new Edit(request.getUrl().substring(prefix.length()), body(request)));
        }
        return edits;
    }

    public record Edit(String messageId, JsonNode body) {
    }

    /** The id the fake gave the first message posted to the channel that shows {@code text}. */
    public String idOfMessageContaining(String channelId, String text) {
        String path = API + "/channels/" + channelId + "/messages";
        return rest.getAllServeEvents().stream()
                .sorted(java.util.Comparator.comparing(event -> event.getRequest().getLoggedDate()))
                .filter(event -> RequestMethod.POST.equals(event.getRequest().getMethod()) && event.getRequest().getUrl().equals(path))
                .filter(event -> visibleText(body(event.getRequest())).contains(text))
                .map(event -> JSON.readTree(event.getResponse().getBodyAsString()).path("id").asString())
                .findFirst().orElseThrow(() -> new AssertionError("no message showing " + text + " in channel " + channelId));
    }

    /** Callbacks for an interaction ({@code type} 5 is a deferred reply). */
    public List<JsonNode> callbacks(Interaction interaction) {
        return received(RequestMethod.POST, "/interactions/" + interaction.id() + "/" + interaction.token() + "/callback");
    }

    /** What the bot answered through an interaction's webhook: the edited original, then follow-ups. */
    public List<JsonNode> interactionReplies(Interaction interaction) {
        List<JsonNode> replies = new ArrayList<>(received(RequestMethod.PATCH, "/webhooks/" + APPLICATION_ID + "/" + interaction.token() + "/messages/@original"));
        replies.addAll(received(RequestMethod.POST, "/webhooks/" + APPLICATION_ID + "/" + interaction.token()));
        return replies;
    }

    /** The commands the bot registered, from its latest {@code PUT .../commands}. */
    public JsonNode registeredCommands() {
        List<JsonNode> puts = received(RequestMethod.PUT, "/applications/" + APPLICATION_ID + "/commands");
        return puts.isEmpty() ? JSON.createArrayNode() : puts.get(puts.size() - 1);
    }

    /** Every text a person would read in a message: embed descriptions, field names and values, button labels. */
    public static String visibleText(JsonNode message) {
        StringBuilder text = new StringBuilder(message.path("content").asString(""));
        for (JsonNode embed : message.path("embeds")) {
            text.append('\n').append(embed.path("description").asString(""));
            for (JsonNode field : embed.path("fields")) {
                text.append('\n').append(field.path("name").asString("")).append('\n').append(field.path("value").asString(""));
            }
        }
        for (JsonNode row : message.path("components")) {
            for (JsonNode component : row.path("components")) {
                text.append('\n').append(component.path("label").asString(""));
            }
        }
        return text.toString().strip();
    }

    /** Gives every message posted to a channel an id of its own, as Discord does: edits and replies name the one they are about. */
    private static final class FreshMessageIds implements ResponseTransformerV2 {

        static final String NAME = "fresh-message-id";
        static final String PLACEHOLDER = "FRESH_MESSAGE_ID";

        @Override
        public Response transform(Response response, ServeEvent serveEvent) {
            return Response.Builder.like(response).but().body(response.getBodyAsString().replace(PLACEHOLDER, newId())).build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }

    /** JDA sends JSON, or multipart with the JSON in {@code payload_json} when it attaches files. */
    private static JsonNode body(LoggedRequest request) {
        String contentType = request.getHeader("Content-Type") == null ? "" : request.getHeader("Content-Type");
        if (contentType.startsWith("multipart/")) {
            return request.getParts().stream().filter(part -> "payload_json".equals(part.getName())).findFirst()
                    .map(part -> JSON.readTree(part.getBody().asString())).orElseGet(JSON::nullNode);
        }
        String body = request.getBodyAsString();
        return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body.getBytes(StandardCharsets.UTF_8));
    }
}
