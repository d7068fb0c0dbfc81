package io.hazardwatch.deploy;

import static io.hazardwatch.deploy.ManifestFiles.mountedVolume;
import static io.hazardwatch.deploy.ManifestFiles.named;
import static io.hazardwatch.deploy.ManifestFiles.ofKind;
import static io.hazardwatch.deploy.ManifestFiles.texts;
import static io.hazardwatch.deploy.ManifestFiles.upperSnake;
import static io.hazardwatch.deploy.ManifestFiles.volumeSource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hazardwatch.deploy.ConfigReads.AlertService;
import io.hazardwatch.deploy.ConfigReads.Parsed;
import io.hazardwatch.ingest.config.IngestConfig;
import io.hazardwatch.model.Topics;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.streamjobs.config.StreamJobsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production descriptions (deploy/k8s, deploy/systemd) against the code, since nothing here can run them (no
 * container engine, no systemd as PID 1): topics and partitions as CreateTopics makes them, Kafka users with exactly
 * ServiceAcls' grants, every config key one the service's own config class reads (run on the manifest's values),
 * container and balancer ports the ones the services are configured to listen on, probes and health checks on routes
 * the services serve.
 */
@Timeout(60)
class ManifestsConsistencyTest {

    private static final String SENTINEL = "io.hazardwatch.alerts.SentinelMain";

    /** The layout every description here is of: the 3-node cluster's (deploy/cluster/topics.properties). */
    private static final Path CLUSTER_TOPICS = Path.of("cluster", "topics.properties");
    /** What a Secret or a secrets file holds in production: long enough for the HMAC keys' rule. */
    private static final String SECRET = "a-secret-of-the-manifests-test-0123456789abcdef";

    @TempDir
    Path scratch;

    @Test
    void everyTopicCreateTopicsMakesHasAKafkaTopicWithItsPartitionsAndConfigs() throws Exception {
        Map<String, JsonNode> manifests = new LinkedHashMap<>();
        for (JsonNode topic : ofKind(ManifestFiles.k8sDocuments(), "KafkaTopic")) {
            manifests.put(topic.at("/spec/topicName").asText(topic.at("/metadata/name").asText()), topic.get("spec"));
        }
        TopicLayout layout = TopicLayout.load(CLUSTER_TOPICS);
        List<NewTopic> code = CreateTopics.topics(layout);
        assertThat(manifests.keySet()).as("KafkaTopic names (topics.yaml) vs CreateTopics' topics")
                .containsExactlyInAnyOrderElementsOf(code.stream().map(NewTopic::name).toList());
        for (NewTopic topic : code) {
            JsonNode spec = manifests.get(topic.name());
            assertThat(spec.get("partitions").asInt()).as("%s partitions", topic.name()).isEqualTo(topic.numPartitions());
            assertThat(spec.get("replicas").asInt()).as("%s replicas", topic.name()).isEqualTo(topic.replicationFactor());
            Map<String, String> configs = new HashMap<>();
            spec.get("config").fields().forEachRemaining(e -> configs.put(e.getKey(), e.getValue().asText()));
            assertThat(configs).as("%s config", topic.name()).isEqualTo(topic.configs());
        }
        JsonNode leader = manifests.get(Topics.ALERTS_LEADER);
        assertThat(leader.get("partitions").asInt()).as("the leader topic: its one partition's owner is the active").isOne();
        assertThat(leader.get("replicas").asInt()).isEqualTo(layout.replicationFactor()).isEqualTo(3);
        assertThat(leader.at("/config/min.insync.replicas").asInt()).isEqualTo(layout.minInsyncReplicas()).isEqualTo(2);
    }

    @Test
    void bareMetalTopicsFileDescribesTheClustersLayout() {
        TopicLayout systemd = TopicLayout.load(ManifestFiles.SYSTEMD.resolve("topics.properties"));
        assertThat(CreateTopics.topics(systemd)).as("deploy/systemd/topics.properties vs %s", CLUSTER_TOPICS)
                .isEqualTo(CreateTopics.topics(TopicLayout.load(CLUSTER_TOPICS)));
    }

    @Test
    void everyKafkaUserHasExactlyTheAclsServiceAclsGrantsItsPrincipal() throws Exception {
        List<JsonNode> documents = ManifestFiles.k8sDocuments();
        JsonNode kafka = ofKind(documents, "Kafka").get(0);
        Set<String> superUsers = new TreeSet<>();
        kafka.at("/spec/kafka/authorization/superUsers").forEach(u -> superUsers.add(u.asText()));
        Set<String> manifest = new TreeSet<>();
        Set<String> users = new TreeSet<>();
        for (JsonNode user : ofKind(documents, "KafkaUser")) {
            String name = user.at("/metadata/name").asText();
            assertThat(user.at("/spec/authentication/type").asText()).as("%s login", name).isEqualTo("scram-sha-512");
            if (superUsers.contains(name)) {
                continue;
            }
            users.add(name);
            for (JsonNode acl : user.at("/spec/authorization/acls")) {
                JsonNode resource = acl.get("resource");
                for (JsonNode op : acl.get("operations")) {
                    manifest.add(String.join(" ", name, upperSnake(resource.get("type").asText()),
                            resource.get("name").asText(),
                            resource.get("patternType").asText().equals("prefix") ? "PREFIXED" : "LITERAL",
                            upperSnake(op.asText())));
                }
            }
        }
        Set<String> code = new TreeSet<>();
        for (AclBinding binding : ServiceAcls.all()) {
            code.add(String.join(" ", binding.entry().principal().substring("User:".length()),
                    binding.pattern().resourceType().name(), binding.pattern().name(),
                    binding.pattern().patternType().name(), binding.entry().operation().name()));
        }
        assertThat(users).as("KafkaUsers (users.yaml) vs ServiceAcls' principals").containsExactlyInAnyOrderElementsOf(
                code.stream().map(acl -> acl.substring(0, acl.indexOf(' '))).collect(Collectors.toSet()));
        assertThat(manifest).as("KafkaUser ACLs (users.yaml) vs ServiceAcls").isEqualTo(code);
        assertThat(kafka.at("/spec/kafka/listeners/0/authentication/type").asText()).isEqualTo("scram-sha-512");
    }

    @Test
    void kafkaAndFlinkRunTheVersionsTheBuildUses() throws IOException {
        List<JsonNode> documents = ManifestFiles.k8sDocuments();
        String pom = Files.readString(Path.of("..", "pom.xml"));
        assertThat(ofKind(documents, "Kafka").get(0).at("/spec/kafka/version").asText())
                .isEqualTo(property(pom, "kafka.version"));
        String flink = property(pom, "flink.version");
        JsonNode deployment = ofKind(documents, "FlinkDeployment").get(0);
        assertThat(deployment.at("/spec/image").asText()).contains(":" + flink + "-");
        assertThat(deployment.at("/spec/flinkVersion").asText())
                .isEqualTo(flink.replaceAll("^(\\d+)\\.(\\d+).*", "v$1_$2"));
    }

    private static String property(String pom, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(pom);
        assertThat(m.find()).as("pom.xml %s", name).isTrue();
        return m.group(1);
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        Set<String> listed = new TreeSet<>();
        ManifestFiles.yaml(ManifestFiles.K8S.resolve("kustomization.yaml")).get(0).get("resources")
                .forEach(r -> listed.add(r.asText()));
        try (Stream<Path> files = Files.list(ManifestFiles.K8S)) {
            assertThat(listed).containsExactlyInAnyOrderElementsOf(files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml")).toList());
        }
    }

    @Test
    void deploymentsSetOnlyKeysTheirServiceReadsListenOnItsPortsAndProbeItsRoutes() throws Exception {
        List<JsonNode> documents = ManifestFiles.k8sDocuments();
        Set<String> mains = new TreeSet<>();
        for (JsonNode deployment : ofKind(documents, "Deployment")) {
            JsonNode pod = deployment.at("/spec/template/spec");
            JsonNode container = pod.get("containers").get(0);
            List<String> command = texts(container.get("command"));
            String main = command.stream().filter(ConfigReads.SERVICES::containsKey).findFirst()
                    .orElseThrow(() -> new AssertionError("no known main class in " + command));
            mains.add(main);
            if (main.equals(SENTINEL)) {
                assertSentinelPod(documents, deployment, pod, container, command.get(command.size() - 1));
                continue;
            }
            Parsed parsed = parseInPod(documents, pod, container, main, command.get(command.size() - 1),
                    environment(container));

            Map<String, Integer> ports = new HashMap<>();
            container.get("ports").forEach(p -> ports.put(p.get("name").asText(), p.get("containerPort").asInt()));
            assertThat(Set.copyOf(ports.values())).as("%s container ports", main).isEqualTo(listens(parsed.config()));
            List<String> routes = routes(main);
            for (String probe : List.of("readinessProbe", "livenessProbe")) {
                JsonNode get = container.path(probe).path("httpGet");
                assertThat(routes).as("%s %s path", main, probe).contains(get.get("path").asText());
                assertThat(ports.get(get.get("port").asText())).as("%s %s port", main, probe)
                        .isEqualTo(httpPort(parsed.config()));
            }
            int replicas = deployment.at("/spec/replicas").asInt();
            assertThat(replicas).as("%s replicas: two of each (issue 18)", main).isEqualTo(2);
            if (parsed.config() instanceof IngestConfig gateway) {
                assertGatewayPods(pod, container, gateway, replicas);
            } else {
                AlertService alerts = (AlertService) parsed.config();
                assertThat(alerts.ha().enabled()).as("alert service replicas compete for the active role").isTrue();
                assertThat(ClusterScripts.podNamed(container, "HW_ALERT_HA_INSTANCE_ID"))
                        .as("every alert service pod under its own name (alert.ha.instance-id)").isTrue();
            }
            for (JsonNode service : ofKind(documents, "Service")) {
                if (service.at("/spec/selector").equals(deployment.at("/spec/selector/matchLabels"))) {
                    service.at("/spec/ports").forEach(p -> assertThat(ports)
                            .as("%s targetPort", service.at("/metadata/name").asText())
                            .containsKey(p.get("targetPort").asText()));
                }
            }
        }
        assertThat(mains).containsExactlyInAnyOrder("io.hazardwatch.ingest.Main", "io.hazardwatch.alerts.Main", SENTINEL);
    }

    /**
     * The sentinel's pod: one, on the alert service's config (a key is set for nothing only if neither reads it),
     * never beside an alert service pod, watching the board Service's port and the alert service's {@code /health}.
     */
    private void assertSentinelPod(List<JsonNode> documents, JsonNode deployment, JsonNode pod, JsonNode container,
                                   String file) throws IOException {
        Map<String, String> env = environment(container);
        Parsed sentinel = parseInPod(documents, pod, container, SENTINEL, file, env, "io.hazardwatch.alerts.Main");
        assertThat(deployment.at("/spec/replicas").asInt()).as("one sentinel").isEqualTo(1);
        JsonNode away = pod.at("/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/0");
        JsonNode alerts = ofKind(documents, "Deployment").stream().filter(d -> texts(d.at("/spec/template/spec/containers/0/command"))
                .contains("io.hazardwatch.alerts.Main")).findFirst().orElseThrow();
        assertThat(away.at("/labelSelector/matchLabels")).as("the sentinel never on an alert service's node")
                .isEqualTo(alerts.at("/spec/selector/matchLabels"));
        assertThat(away.at("/topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
        java.net.URI watched = ((io.hazardwatch.alerts.sentinel.SentinelConfig) sentinel.config()).watch().get(0);
        JsonNode board = ofKind(documents, "Service").stream()
                .filter(svc -> svc.at("/spec/selector").equals(alerts.at("/spec/selector/matchLabels"))).findFirst().orElseThrow();
        assertThat(watched.getHost()).as("the sentinel watches the board Service")
                .isEqualTo(board.at("/metadata/name").asText() + "." + board.at("/metadata/namespace").asText() + ".svc");
        assertThat(watched.getPort()).isEqualTo(board.at("/spec/ports/0/port").asInt());
        assertThat(routes("io.hazardwatch.alerts.Main")).as("the watched path").contains(watched.getPath());
    }

    /** Each gateway pod enforces its share of the quotas, has its own name, and gets the time its drain takes. */
    private static void assertGatewayPods(JsonNode pod, JsonNode container, IngestConfig gateway, int replicas) {
        assertThat(gateway.instance().quotaShares()).as("gateway limits.instances vs the Deployment's replicas")
                .isEqualTo(replicas);
        assertThat(ClusterScripts.podNamed(container, "HW_GATEWAY_INSTANCE_ID"))
                .as("every gateway pod under its own name (gateway.instance-id)").isTrue();
        assertThat(gateway.instance().drainWait()).as("gateway.drain-seconds: devices leave before the pod").isPositive();
        long preStop = container.at("/lifecycle/preStop/sleep/seconds").asLong();
        assertThat(pod.get("terminationGracePeriodSeconds").asLong())
                .as("gateway: preStop + gateway.drain-seconds + ingest.drain-timeout-seconds within the grace period")
                .isGreaterThan(preStop + gateway.instance().drainWait().toSeconds() + gateway.drainTimeout().toSeconds());
    }

    @Test
    void flinkSessionJobsRunTheStreamJobsWithKeysTheyReadOnTheSharedCheckpointVolume() throws Exception {
        List<JsonNode> documents = ManifestFiles.k8sDocuments();
        JsonNode flink = ofKind(documents, "FlinkDeployment").get(0);
        JsonNode config = flink.at("/spec/flinkConfiguration");
        assertThat(config.get("high-availability.type").asText()).isEqualTo("kubernetes");
        assertThat(flink.at("/spec/taskManager/replicas").asInt()).isEqualTo(2);
        assertThat(flink.at("/spec/jobManager/replicas").asInt()).as("a leader and a standby JobManager").isEqualTo(2);
        JsonNode pod = flink.at("/spec/podTemplate/spec");
        JsonNode container = pod.get("containers").get(0);
        assertThat(container.at("/ports/0/containerPort").asText()).isEqualTo(config.get("metrics.reporter.prom.port").asText());
        List<JsonNode> jobs = ofKind(documents, "FlinkSessionJob");
        assertThat(jobs).hasSize(2);
        for (JsonNode job : jobs) {
            assertThat(job.at("/spec/deploymentName").asText()).isEqualTo(flink.at("/metadata/name").asText());
            List<String> args = texts(job.at("/spec/job/args"));
            String main = job.at("/spec/job/entryClass").asText();
            StreamJobsConfig parsed = (StreamJobsConfig) parseInPod(documents, pod, container, main,
                    args.get(args.size() - 1), Map.of()).config();
            assertThat(job.at("/spec/job/parallelism").asInt()).isEqualTo(parsed.parallelism());
            assertThat(parsed.checkpointDir()).as("the jobs' checkpoints where the cluster keeps them")
                    .isEqualTo(config.get("execution.checkpointing.dir").asText());
        }
    }

    @Test
    void systemdUnitsSetOnlyKeysTheirServiceReadsAndEveryDaemonRestartsWithItsLimits() throws Exception {
        assertThat(systemdService("hazardwatch-gateway@.service").config()).isInstanceOf(IngestConfig.class);
        AlertService alerts = (AlertService) systemdService("hazardwatch-alerts@.service").config();
        assertThat(alerts.ha().enabled()).as("alerts.env: the instances compete for the active role").isTrue();
        assertThat(ManifestFiles.unit(ManifestFiles.SYSTEMD.resolve("hazardwatch-alerts@.service")).get("Environment"))
                .as("each alert service instance under its own name").contains("HW_ALERT_HA_INSTANCE_ID=%H-%i");
        // the sentinel reads the alert service's env files (it sends through the same channels) and watches the board
        // through the balancer: its frontend's port, the alert service's /health
        Parsed sentinelUnit = systemdService("hazardwatch-sentinel.service", "io.hazardwatch.alerts.Main");
        java.net.URI watched = ((io.hazardwatch.alerts.sentinel.SentinelConfig) sentinelUnit.config()).watch().get(0);
        assertThat(sentinelUnit.read()).contains("HW_SENTINEL_WATCH");
        assertThat(routes("io.hazardwatch.alerts.Main")).as("sentinel.env: the watched path").contains(watched.getPath());
        assertThat(watched.getPort()).as("sentinel.env: the balancer's board port").isEqualTo(haproxyFrontendPort("board"));
        StreamJobsConfig jobs = (StreamJobsConfig) systemdService("hazardwatch-jobs.service").config();
        try (Stream<Path> files = Files.list(ManifestFiles.SYSTEMD)) {
            for (Path unit : files.filter(f -> f.toString().endsWith(".service")).toList()) {
                Map<String, List<String>> lines = ManifestFiles.unit(unit);
                for (String after : lines.entrySet().stream().filter(e -> e.getKey().matches("After|Wants|Requires"))
                        .flatMap(e -> e.getValue().stream()).flatMap(l -> Stream.of(l.split("\\s+")))
                        .filter(u -> u.endsWith(".service")).toList()) {
                    assertThat(ManifestFiles.SYSTEMD.resolve(after.replaceFirst("@[^.]+\\.service$", "@.service")))
                            .as("%s orders itself after a unit shipped here", unit).exists();
                }
                boolean oneshot = lines.getOrDefault("Type", List.of()).contains("oneshot");
                assertThat(lines).as("%s", unit).containsKeys("ExecStart", "User");
                if (!oneshot) {
                    assertThat(lines).as("%s", unit).containsKeys("Restart", "LimitNOFILE");
                }
                for (String file : lines.getOrDefault("EnvironmentFile", List.of())) {
                    assertThat(ManifestFiles.SYSTEMD.resolve(Path.of(file).getFileName())).as("%s: %s", unit, file).exists();
                }
            }
        }
        JsonNode flink = ManifestFiles.yaml(ManifestFiles.SYSTEMD.resolve("flink-config.yaml")).get(0);
        Map<String, String> zookeeper = ManifestFiles.properties(Files.readString(ManifestFiles.SYSTEMD.resolve("zoo.cfg")));
        assertThat(flink.at("/high-availability/type").asText()).isEqualTo("zookeeper");
        assertThat(jobs.checkpointDir()).as("jobs.env: the jobs' checkpoints where the cluster keeps them")
                .isEqualTo(flink.at("/execution/checkpointing/dir").asText());
        assertThat(ManifestFiles.unit(ManifestFiles.SYSTEMD.resolve("flink-jobmanager@.service")).get("ExecStart").get(0))
                .as("flink-jobmanager@1 and @2, leader and standby, each on its own machine's address").contains("%i");
        for (String server : flink.at("/high-availability/zookeeper/quorum").asText().split(",")) {
            assertThat(server).as("Flink's ZooKeeper quorum vs zoo.cfg").endsWith(":" + zookeeper.get("clientPort"));
        }
    }

    @Test
    void bareMetalGatewaysShareTheQuotasAndDrainWithinTheirStopTimeout() throws Exception {
        IngestConfig gateway = (IngestConfig) systemdService("hazardwatch-gateway@.service").config();
        Path haproxy = ManifestFiles.SYSTEMD.resolve("haproxy.cfg");
        long servers = ManifestFiles.haproxyBackends(haproxy).get("gateways_mqtt").stream()
                .filter(l -> l.startsWith("server ")).count();
        assertThat(gateway.instance().quotaShares()).as("gateway.env HW_LIMITS_INSTANCES vs haproxy.cfg's gateways")
                .isEqualTo(servers);
        for (String backend : List.of("gateways_mqtt", "gateways_mqtts", "gateways_http")) {
            assertThat(gateway.instance().drainWait()).as("gateway.drain-seconds: HAProxy takes it out of %s first", backend)
                    .isGreaterThanOrEqualTo(ClusterScripts.markedDownAfter(haproxy, backend));
        }
        String stop = ManifestFiles.unit(ManifestFiles.SYSTEMD.resolve("hazardwatch-gateway@.service"))
                .get("TimeoutStopSec").get(0);
        assertThat(Long.parseLong(stop)).as("TimeoutStopSec vs gateway.drain-seconds + ingest.drain-timeout-seconds")
                .isGreaterThan(gateway.instance().drainWait().plus(gateway.drainTimeout()).toSeconds());
    }

    @Test
    void clusterLayoutSetsOnlyKeysItsServicesReadAndGivesTheGatewaysTheirDrain() throws Exception {
        Map<String, String> keys = ClusterScripts.fromCheckoutRoot(ManifestFiles.properties(
                Files.readString(ClusterScripts.CLUSTER.resolve("gateway.properties"))));
        Map<String, String> set = ClusterScripts.configKeysSet(ClusterScripts.CLUSTER.resolve("gateways.sh"));
        Parsed parsed = ConfigReads.parse("io.hazardwatch.ingest.Main", keys, standIns(set, keys), scratch);
        assertReadsAll("deploy/cluster/gateway.properties and gateways.sh", parsed, keys.keySet(), set.keySet());
        IngestConfig gateway = (IngestConfig) parsed.config();
        assertThat(set).as("gateways.sh: each gateway under its own name").containsKey("HW_GATEWAY_INSTANCE_ID");
        assertThat(gateway.instance().quotaShares()).as("gateway.properties limits.instances vs CLUSTER_GATEWAYS")
                .isEqualTo(ClusterScripts.clusterLibNumber("CLUSTER_GATEWAYS"));
        Path haproxy = ClusterScripts.CLUSTER.resolve("haproxy-gateways.cfg");
        assertThat(gateway.instance().drainWait()).as("gateway.drain-seconds: HAProxy takes the gateway out first")
                .isGreaterThanOrEqualTo(ClusterScripts.markedDownAfter(haproxy, "gateways_mqtt"));
        assertThat(gateway.instance().drainWait().plus(gateway.drainTimeout()))
                .as("the gateway's drain within deploy/lib.sh's stop_bg").isLessThan(ClusterScripts.stopBgPatience());

        Map<String, String> shared = ClusterScripts.fromCheckoutRoot(ManifestFiles.properties(
                Files.readString(Path.of("config", "local.properties"))));
        Map<String, String> alertsSet = ClusterScripts.configKeysSet(ClusterScripts.CLUSTER.resolve("alerts.sh"));
        Parsed alerts = ConfigReads.parse("io.hazardwatch.alerts.Main", shared, standIns(alertsSet, shared), scratch);
        // alerts.sh starts the instances and their sentinel: each key it sets is read by one of them
        Parsed sentinel = ConfigReads.parse("io.hazardwatch.alerts.SentinelMain", shared, standIns(alertsSet, shared),
                scratch);
        assertReadsAll("deploy/cluster/alerts.sh", ConfigReads.union(alerts, sentinel), Set.of(), alertsSet.keySet());
        assertThat(sentinel.read()).as("alerts.sh: the sentinel watches the board's balancer").contains("HW_SENTINEL_WATCH");
        assertThat(((AlertService) alerts.config()).ha().enabled()).as("alerts.sh: active + standby").isTrue();
        assertThat(alertsSet).as("alerts.sh: each instance under its own name").containsKey("HW_ALERT_HA_INSTANCE_ID");
        Map<String, String> jobsSet = ClusterScripts.configKeysSet(ClusterScripts.CLUSTER.resolve("flink.sh"));
        assertReadsAll("deploy/cluster/flink.sh", ConfigReads.parse("io.hazardwatch.streamjobs.app.JobsMain", shared,
                standIns(jobsSet, shared), scratch), Set.of(), jobsSet.keySet());

        for (String file : List.of("haproxy-gateways.cfg", "haproxy-board.cfg")) {
            ManifestFiles.haproxyBackends(ClusterScripts.CLUSTER.resolve(file)).forEach((name, lines) -> {
                String main = name.startsWith("gateways") ? "io.hazardwatch.ingest.Main" : "io.hazardwatch.alerts.Main";
                String check = lines.stream().filter(l -> l.startsWith("option httpchk GET ")).findFirst().orElseThrow();
                assertThat(routes(main)).as("%s %s health check", file, name)
                        .contains(check.substring("option httpchk GET ".length()));
            });
        }
    }

    /**
     * The values a script sets: its literal ones; for a file it makes or finds (a login, a password) that the config
     * file does not name, a stand-in; a secret's stand-in; the others (per instance or machine) left to the file.
     */
    private Map<String, String> standIns(Map<String, String> set, Map<String, String> file) {
        Set<String> named = file.keySet().stream().map(Settings::envName).collect(Collectors.toSet());
        Map<String, String> values = new LinkedHashMap<>();
        set.forEach((k, v) -> {
            if (v != null) {
                values.put(k, v);
            } else if (k.endsWith("_FILE") && !named.contains(k)) {
                values.put(k, local(k, "/made-by-the-script/" + k.toLowerCase(java.util.Locale.ROOT)));
            } else if (k.endsWith("_SECRET")) {
                values.put(k, SECRET);
            }
        });
        return values;
    }

    @Test
    void haproxySendsToTheServicesPortsAndChecksRoutesTheyServe() throws Exception {
        Object gateway = systemdService("hazardwatch-gateway@.service").config();
        Object alerts = systemdService("hazardwatch-alerts@.service").config();
        Map<String, List<String>> backends = ManifestFiles.haproxyBackends(ManifestFiles.SYSTEMD.resolve("haproxy.cfg"));
        assertThat(backends).containsOnlyKeys("gateways_mqtt", "gateways_mqtts", "gateways_http", "alerts_http");
        backends.forEach((name, lines) -> {
            Object config = name.startsWith("gateways") ? gateway : alerts;
            String main = name.startsWith("gateways") ? "io.hazardwatch.ingest.Main" : "io.hazardwatch.alerts.Main";
            String check = lines.stream().filter(l -> l.startsWith("option httpchk GET ")).findFirst().orElseThrow();
            assertThat(routes(main)).as("%s health check", name).contains(check.substring("option httpchk GET ".length()));
            List<String> servers = lines.stream().filter(l -> l.startsWith("server ")).toList();
            assertThat(servers).as(name).hasSize(2);
            for (String server : servers) {
                String[] words = server.split("\\s+");
                int port = Integer.parseInt(words[2].substring(words[2].lastIndexOf(':') + 1));
                int checkPort = server.contains(" port ") ? Integer.parseInt(server.replaceAll(".* port (\\d+).*", "$1")) : port;
                assertThat(listens(config)).as("%s: %s", name, server).contains(port);
                assertThat(checkPort).as("%s: %s checks the HTTP port", name, server).isEqualTo(httpPort(config));
            }
        });
    }

    /** The service's config parse on a properties file mounted into the pod from a ConfigMap, and the env given. */
    private Parsed parseInPod(List<JsonNode> documents, JsonNode pod, JsonNode container, String main, String file,
                              Map<String, String> env) throws IOException {
        return parseInPod(documents, pod, container, main, file, env, null);
    }

    /** As above; with {@code sharedWith} (a service reading the same file), a key is set for nothing only if neither reads it. */
    private Parsed parseInPod(List<JsonNode> documents, JsonNode pod, JsonNode container, String main, String file,
                              Map<String, String> env, String sharedWith) throws IOException {
        JsonNode kafka = ofKind(documents, "Kafka").get(0);
        String namespace = kafka.at("/metadata/namespace").asText();
        Path path = Path.of(file);
        String volume = mountedVolume(container, path.toString());
        JsonNode configMap = named(documents, "ConfigMap", volumeSource(pod, volume).at("/configMap/name").asText());
        Map<String, String> keys = ManifestFiles.properties(configMap.at("/data").get(path.getFileName().toString()).asText());
        for (Map.Entry<String, String> e : List.copyOf(keys.entrySet())) {
            if (e.getValue().startsWith("/")) {
                mountedVolume(container, e.getValue()); // a path the pod does not have fails here
                keys.put(e.getKey(), local(e.getKey(), e.getValue()));
            }
        }
        Parsed parsed = ConfigReads.parse(main, keys, env, scratch);
        assertReadsAll(main, sharedWith == null ? parsed
                : ConfigReads.union(parsed, ConfigReads.parse(sharedWith, keys, env, scratch)), keys.keySet(), env.keySet());
        assertThat(keys.get("kafka.bootstrap")).as("%s: Strimzi's bootstrap Service", main).isEqualTo(
                kafka.at("/metadata/name").asText() + "-kafka-bootstrap." + namespace + ".svc:"
                        + kafka.at("/spec/kafka/listeners/0/port").asText());
        if (keys.containsKey("influx.url")) {
            JsonNode influx = named(documents, "Service", "hazardwatch-influxdb");
            assertThat(keys.get("influx.url")).as("%s: InfluxDB's Service", main).isEqualTo("http://hazardwatch-influxdb."
                    + namespace + ".svc:" + influx.at("/spec/ports/0/port").asText());
        }
        return parsed;
    }

    /** The unit's service config parse on its EnvironmentFiles and Environment= lines, credentials as local files. */
    private Parsed systemdService(String unitName) throws IOException {
        return systemdService(unitName, null);
    }

    /**
     * As {@link #systemdService(String)}; with {@code sharedWith} (the main class of a service whose env files this
     * unit reads too), a key is set for nothing only if neither service reads it.
     */
    private Parsed systemdService(String unitName, String sharedWith) throws IOException {
        Map<String, List<String>> unit = ManifestFiles.unit(ManifestFiles.SYSTEMD.resolve(unitName));
        String main = List.of(unit.get("ExecStart").get(0).split("\\s+")).stream()
                .filter(ConfigReads.SERVICES::containsKey).findFirst().orElseThrow();
        Set<String> credentials = unit.getOrDefault("LoadCredential", List.of()).stream()
                .map(c -> c.substring(0, c.indexOf(':'))).collect(Collectors.toSet());
        Map<String, String> env = new LinkedHashMap<>();
        for (String file : unit.getOrDefault("EnvironmentFile", List.of())) {
            Path shipped = ManifestFiles.SYSTEMD.resolve(Path.of(file.replaceFirst("^-", "")).getFileName());
            Map<String, String> values = ManifestFiles.environmentFile(shipped);
            values.replaceAll((k, v) -> shipped.toString().endsWith("secrets.env") ? SECRET : v);
            env.putAll(values);
        }
        for (String line : unit.getOrDefault("Environment", List.of())) {
            Map.Entry<String, String> e = ManifestFiles.assignment(line);
            String value = e.getValue().replace("%H", "park-host").replace("%i", "1");
            if (value.startsWith("%d/")) {
                assertThat(credentials).as("%s: %s names a credential", unitName, e.getKey()).contains(value.substring(3));
            }
            env.put(e.getKey(), value);
        }
        env.replaceAll((k, v) -> k.endsWith("FILE") && (v.startsWith("/") || v.startsWith("%d/")) ? local(k, v) : v);
        env.keySet().removeIf(k -> !k.startsWith("HW_"));
        Parsed parsed = ConfigReads.parse(main, Map.of(), env, scratch);
        assertReadsAll(unitName, sharedWith == null ? parsed
                : ConfigReads.union(parsed, ConfigReads.parse(sharedWith, Map.of(), env, scratch)), Set.of(), env.keySet());
        return parsed;
    }

    /** The port the bare-metal balancer's frontend {@code name} binds. */
    private static int haproxyFrontendPort(String name) throws IOException {
        String bind = ManifestFiles.haproxySections(ManifestFiles.SYSTEMD.resolve("haproxy.cfg"), "frontend").get(name)
                .stream().filter(l -> l.startsWith("bind ")).findFirst().orElseThrow();
        return Integer.parseInt(bind.replaceAll("^bind \\S*:(\\d+).*", "$1"));
    }

    private static void assertReadsAll(String service, Parsed parsed, Set<String> keys, Set<String> env) {
        assertThat(keys.stream().filter(k -> !parsed.reads(k)).toList())
                .as("keys %s sets that its config class never reads", service).isEmpty();
        assertThat(env.stream().filter(k -> !parsed.read().contains(k)).toList())
                .as("environment variables %s sets that its config class never reads", service).isEmpty();
    }

    /** A stand-in for a file only the production machine has (a Kafka client file, a password, a registry). */
    private String local(String key, String value) {
        try {
            String name = key.replaceAll("[^A-Za-z0-9.-]", "_") + "-" + Path.of(value).getFileName();
            Path shipped = Path.of("config", Path.of(value).getFileName().toString());
            return Files.exists(shipped) && value.endsWith(".yaml") ? shipped.toAbsolutePath().toString()
                    : Files.writeString(scratch.resolve(name), "security.protocol=SASL_PLAINTEXT\n").toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The container's HW_* variables: values, the pod's name for a field, a secret's stand-in for a Secret's key. */
    private static Map<String, String> environment(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.get("name").asText(), e.has("value") ? e.get("value").asText()
                : e.at("/valueFrom/secretKeyRef").isMissingNode() ? "hazardwatch-pod-0" : SECRET));
        return env;
    }

    private static Set<Integer> listens(Object config) {
        if (config instanceof IngestConfig gateway) {
            Set<Integer> ports = new TreeSet<>(List.of(gateway.mqttPort(), gateway.httpPort()));
            if (gateway.tls() != null) {
                ports.add(gateway.tls().port());
            }
            return ports;
        }
        return Set.of(httpPort(config));
    }

    private static int httpPort(Object config) {
        return config instanceof IngestConfig gateway ? gateway.httpPort() : ((AlertService) config).config().httpPort();
    }

    private static List<String> routes(String main) {
        String module = ConfigReads.MODULES.get(main);
        try {
            return ManifestFiles.getRoutes(module);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
