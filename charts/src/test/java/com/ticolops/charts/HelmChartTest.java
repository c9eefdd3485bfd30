package com.ticolops.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The chart as Helm itself lints and renders it (Helm's Go code, inside helm-java), then the manifests read back. */
class HelmChartTest {

    private static final Path CHART = Path.of("ticolops");

    /** Lint renders every template, the {@code helm test} hook among them; helm-java's template leaves hooks out. */
    @Test
    void theChartLintsCleanEvenStrictly() {
        LintResult lint = new Helm(CHART).lint().strict().call();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void threeReplicasRenderProbesResourcesANonRootUserAndADisruptionBudget() {
        List<Map<String, Object>> manifests = render(template -> template.set("replicaCount", 3));

        Map<String, Object> deployment = only(manifests, "Deployment");
        assertThat(at(deployment, "spec", "replicas")).isEqualTo(3);
        Map<String, Object> pod = node(deployment, "spec", "template", "spec");
        assertThat(at(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
        assertThat((Integer) at(pod, "securityContext", "runAsUser")).isPositive();
        for (Map<String, Object> container : containers(pod)) {
            assertThat(container).containsKeys("livenessProbe", "readinessProbe", "startupProbe");
            assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
            assertThat(at(container, "resources", "requests")).isNotNull();
            assertThat(at(container, "resources", "limits", "memory")).isNotNull();
            assertThat(at(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
            assertThat(at(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
        }
        Map<String, Object> budget = only(manifests, "PodDisruptionBudget");
        assertThat(at(budget, "spec", "minAvailable")).isEqualTo(1);
        assertThat(at(budget, "spec", "selector", "matchLabels")).isEqualTo(at(deployment, "spec", "selector", "matchLabels"));
    }

    @Test
    void withEverythingOnTheContainersStillHaveLimitsAndNoCapabilities() {
        List<Map<String, Object>> manifests = render(template -> template.set("ingress.enabled", true).set("networkPolicy.enabled", true)
                .set("autoscaling.enabled", true));

        Map<String, Object> pod = node(only(manifests, "Deployment"), "spec", "template", "spec");
        assertThat(at(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
        assertThat(at(pod, "automountServiceAccountToken")).isEqualTo(false);
        assertThat(containers(pod)).allSatisfy(container -> {
            assertThat(at(container, "resources", "limits", "memory")).isNotNull();
            assertThat(at(container, "securityContext", "capabilities", "drop")).isEqualTo(List.of("ALL"));
        });
        assertThat(kinds(manifests)).contains("Ingress", "NetworkPolicy", "HorizontalPodAutoscaler", "PodDisruptionBudget");
        assertThat(node(only(manifests, "Deployment"), "spec")).doesNotContainKey("replicas");
    }

    @Test
    void oneReplicaRendersNoDisruptionBudgetThatCouldNeverBeMet() {
        assertThat(kinds(render(template -> template.set("replicaCount", 1)))).doesNotContain("PodDisruptionBudget");
    }

    @Test
    void secretsReachThePodFromTheirSecretsAndNeverThroughTheConfigMap() {
        List<Map<String, Object>> manifests = render(template -> template.set("secrets.slack.name", "slack").set("secrets.github.name", "github")
                .set("secrets.smtp.name", "smtp").set("secrets.smtp.host", "smtp.example.com"));

        Map<String, Object> config = node(only(manifests, "ConfigMap"), "data");
        assertThat(config.keySet()).noneMatch(name -> name.matches(".*(TOKEN|SECRET|PASSWORD|CRYPTO_KEY|DATABASE_URL|DATASOURCE).*"));
        assertThat(config).containsEntry("SPRING_MAIL_HOST", "smtp.example.com").containsEntry("TICOLOPS_CONSOLE_MODE", "off");
        List<Map<String, Object>> env = list(containers(node(only(manifests, "Deployment"), "spec", "template", "spec")).get(0), "env");
        assertThat(env).allSatisfy(variable -> assertThat(variable).containsKey("valueFrom").doesNotContainKey("value"));
        assertThat(env).extracting(variable -> variable.get("name")).contains("DATABASE_URL", "TICOLOPS_CRYPTO_KEY", "TICOLOPS_SLACK_BOT_TOKEN",
                "TICOLOPS_SLACK_SIGNING_SECRET", "TICOLOPS_GITHUB_WEBHOOK_SECRET", "SPRING_MAIL_PASSWORD");
    }

    @Test
    void aCryptoKeyRotationsNextThenPreviousKeyReachesThePodFromItsSecretButNeverBothAtOnce() {
        // GIVEN no rotation under way: the key alone
        assertThat(secretEnv(render(template -> template))).containsEntry("TICOLOPS_CRYPTO_KEY", "ticolops-crypto/key")
                .doesNotContainKeys("TICOLOPS_CRYPTO_NEXT_KEY", "TICOLOPS_CRYPTO_PREVIOUS_KEY");

        // WHEN the first phase names the new key's Secret, and the second moves it to the key and names the old one
        Map<String, String> firstPhase = secretEnv(render(template -> template.set("secrets.cryptoNextKey.name", "ticolops-crypto-2")));
        Map<String, String> secondPhase = secretEnv(render(template -> template.set("secrets.cryptoKey.name", "ticolops-crypto-2")
                .set("secrets.cryptoPreviousKey.name", "ticolops-crypto")));

        // THEN each reaches the pod from its Secret
        assertThat(firstPhase).containsEntry("TICOLOPS_CRYPTO_KEY", "ticolops-crypto/key")
                .containsEntry("TICOLOPS_CRYPTO_NEXT_KEY", "ticolops-crypto-2/key").doesNotContainKey("TICOLOPS_CRYPTO_PREVIOUS_KEY");
        assertThat(secondPhase).containsEntry("TICOLOPS_CRYPTO_KEY", "ticolops-crypto-2/key")
                .containsEntry("TICOLOPS_CRYPTO_PREVIOUS_KEY", "ticolops-crypto/key").doesNotContainKey("TICOLOPS_CRYPTO_NEXT_KEY");
        // AND both at once, or either among the plain settings, is refused by name
        assertThatThrownBy(() -> render(template -> template.set("secrets.cryptoNextKey.name", "ticolops-crypto-2")
                .set("secrets.cryptoPreviousKey.name", "ticolops-crypto")))
                .hasMessageContaining("secrets.cryptoNextKey and secrets.cryptoPreviousKey are both set");
        assertThatThrownBy(() -> render(template -> template.set("config.env.TICOLOPS_CRYPTO_PREVIOUS_KEY", "b2xk")))
                .hasMessageContaining("config.env.TICOLOPS_CRYPTO_PREVIOUS_KEY").hasMessageNotContaining("b2xk");
    }

    @Test
    void aSecretPutAmongThePlainSettingsIsRefusedByName() {
        assertThatThrownBy(() -> render(template -> template.set("config.env.TICOLOPS_GITHUB_TOKEN", "ghp_x")))
                .hasMessageContaining("config.env.TICOLOPS_GITHUB_TOKEN").hasMessageContaining("secrets.")
                .hasMessageNotContaining("ghp_x");
    }

    @Test
    void prometheusScrapesWithTheTokenFromItsSecretAndGetsAlertsAndADashboard() {
        List<Map<String, Object>> manifests = render(template -> template.set("metrics.tokenSecret.name", "ticolops-metrics")
                .set("metrics.serviceMonitor.enabled", true).set("metrics.prometheusRule.enabled", true).set("metrics.grafanaDashboard.enabled", true));

        Map<String, Object> endpoint = HelmChartTest.<Map<String, Object>>list(only(manifests, "ServiceMonitor"), "spec", "endpoints").get(0);
        assertThat(endpoint).containsEntry("path", "/actuator/prometheus").containsEntry("port", "http");
        assertThat(at(endpoint, "authorization", "credentials")).isEqualTo(Map.of("name", "ticolops-metrics", "key", "token"));
        List<Map<String, Object>> env = list(containers(node(only(manifests, "Deployment"), "spec", "template", "spec")).get(0), "env");
        assertThat(env).anySatisfy(variable -> {
            assertThat(variable.get("name")).isEqualTo("TICOLOPS_METRICS_TOKEN");
            assertThat(at(variable, "valueFrom", "secretKeyRef", "name")).isEqualTo("ticolops-metrics");
        });
        List<Map<String, Object>> rules = list(HelmChartTest.<Map<String, Object>>list(only(manifests, "PrometheusRule"), "spec", "groups").get(0), "rules");
        assertThat(rules).extracting(rule -> rule.get("alert")).contains("TicolopsAnnouncementsNotFlowing", "TicolopsWebhooksRefused", "TicolopsWebhooksNotStored",
                "TicolopsOutboundCallsFailing");
        assertThat(rules).allSatisfy(rule -> assertThat((String) rule.get("expr")).contains("job=\"ticolops\""));
        Map<String, Object> dashboard = manifests.stream().filter(m -> "ConfigMap".equals(m.get("kind")))
                .filter(m -> at(m, "data", "ticolops.json") != null).findFirst().orElseThrow();
        assertThat((String) at(dashboard, "data", "ticolops.json")).contains("\"uid\": \"ticolops\"").contains("ticolops_events_pending")
                .contains("ticolops_outbound_calls_seconds_count").contains("ticolops_outbound_rate_limit_waits_seconds_sum");
        assertThat(node(dashboard, "metadata", "labels")).containsEntry("grafana_dashboard", "1");
    }

    @Test
    void aServiceMonitorWithoutTheScrapeTokenIsRefused() {
        assertThatThrownBy(() -> render(template -> template.set("metrics.serviceMonitor.enabled", true)))
                .hasMessageContaining("metrics.tokenSecret.name");
    }

    @Test
    void withoutAnExternalDatabaseTheChartRefusesToRender() {
        assertThatThrownBy(() -> render(template -> template.set("secrets.database.name", "")))
                .hasMessageContaining("secrets.database.name").hasMessageContaining("external PostgreSQL");
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedWithItsPath() {
        assertThatThrownBy(() -> render(template -> template.set("replicaCount", "three")))
                .hasMessageContaining("at '/replicaCount': got string, want integer");
        assertThatThrownBy(() -> render(template -> template.set("service.port", "http")))
                .hasMessageContaining("at '/service/port': got string, want integer");
    }

    @Test
    void theReadmesInstallRendersAndReadsOnlyTheSecretsItsCommandsCreate() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        Matcher block = Pattern.compile("The Helm chart is `charts/ticolops`.*?```sh\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("the README's install example").isTrue();
        String commands = block.group(1).replace("\\\n", " ");
        Map<String, Set<String>> created = new HashMap<>();
        Matcher secret = Pattern.compile("kubectl create secret generic (\\S+)((?: --from-literal=[a-z-]+=\\S+)+)").matcher(commands);
        while (secret.find()) {
            Matcher key = Pattern.compile("--from-literal=([a-z-]+)=").matcher(secret.group(2));
            while (key.find()) {
                created.computeIfAbsent(secret.group(1), name -> new HashSet<>()).add(key.group(1));
            }
        }
        Matcher set = Pattern.compile("--set (\\S+?)=(\\S+)").matcher(commands.substring(commands.indexOf("helm install")));
        List<String[]> values = new ArrayList<>();
        while (set.find()) {
            values.add(new String[] {set.group(1), set.group(2)});
        }
        assertThat(values).isNotEmpty();

        List<Map<String, Object>> manifests = render(template -> {
            values.forEach(value -> template.set(value[0], value[1]));
            return template;
        });

        assertThat(kinds(manifests)).contains("Ingress", "PodDisruptionBudget");
        List<Map<String, Object>> env = list(containers(node(only(manifests, "Deployment"), "spec", "template", "spec")).get(0), "env");
        for (Map<String, Object> variable : env) {
            Map<String, Object> reference = node(variable, "valueFrom", "secretKeyRef");
            if (!Boolean.TRUE.equals(reference.get("optional"))) {
                assertThat(created.getOrDefault((String) reference.get("name"), Set.of())).as(variable.get("name") + " from " + reference)
                        .contains((String) reference.get("key"));
            }
        }
    }

    private static List<Map<String, Object>> render(UnaryOperator<TemplateCommand> options) {
        String rendered = options.apply(new Helm(CHART).template().withName("ticolops").withNamespace("chat")).call();
        List<Map<String, Object>> manifests = new ArrayList<>();
        for (Object document : new Yaml().loadAll(rendered)) {
            if (document != null) {
                manifests.add(cast(document));
            }
        }
        return manifests;
    }

    /** The container's environment variables read from Secrets: name → "secret/key". */
    private static Map<String, String> secretEnv(List<Map<String, Object>> manifests) {
        Map<String, String> env = new HashMap<>();
        for (Map<String, Object> variable : HelmChartTest.<Map<String, Object>>list(
                containers(node(only(manifests, "Deployment"), "spec", "template", "spec")).get(0), "env")) {
            Map<String, Object> reference = node(variable, "valueFrom", "secretKeyRef");
            env.put((String) variable.get("name"), reference.get("name") + "/" + reference.get("key"));
        }
        return env;
    }

    private static List<String> kinds(List<Map<String, Object>> manifests) {
        return manifests.stream().map(manifest -> (String) manifest.get("kind")).toList();
    }

    private static Map<String, Object> only(List<Map<String, Object>> manifests, String kind) {
        List<Map<String, Object>> found = manifests.stream().filter(manifest -> kind.equals(manifest.get("kind"))).toList();
        assertThat(found).as(kind + " among " + kinds(manifests)).hasSize(1);
        return found.get(0);
    }

    private static List<Map<String, Object>> containers(Map<String, Object> pod) {
        return list(pod, "containers");
    }

    private static Object at(Map<String, Object> node, String... path) {
        Object current = node;
        for (String key : path) {
            current = current == null ? null : ((Map<?, ?>) current).get(key);
        }
        return current;
    }

    private static Map<String, Object> node(Map<String, Object> node, String... path) {
        return cast(at(node, path));
    }

    private static <T> List<T> list(Map<String, Object> node, String... path) {
        return cast(at(node, path));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
