package io.payrail.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.payrail.deploy.TopicDefinitionsTest.TopicLine;
import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Renders each kustomize overlay with {@code kubectl kustomize} and checks what the issue promises
 * of the manifests: partitions bound the scaling, every container is probed, sized, pinned and
 * locked down, and the configuration is what the applications read.
 */
class KubernetesManifestsTest {

  private static final List<String> OVERLAYS = List.of("dev", "prod");

  /**
   * The topic each processor consumes (docs/architecture.md): its partitions cap the group's
   * members.
   */
  private static final Map<String, Topic<?, ?>> CONSUMED =
      Map.of(
          "payment-processor", Topics.ORDER_RISK,
          "refund-processor", Topics.REFUND_REQUESTS);

  private static final Map<String, Integer> TOPIC_REPLICAS = Map.of("dev", 1, "prod", 3);
  private static final Map<String, String> TOPIC_MIN_ISR = Map.of("dev", "1", "prod", "2");

  private static final String POD_NAME = "$(POD_NAME)";
  private static final String STATE_VOLUME = "state";

  private static final Map<String, List<Map<String, Object>>> rendered = new HashMap<>();

  @BeforeAll
  static void render() {
    assumeTrue(
        Repository.onPath("kubectl"),
        "kubectl is not installed: the kustomize overlays were not rendered and their invariants"
            + " were not checked");
    for (String overlay : OVERLAYS) {
      ProcessRun run =
          ProcessRun.run(
              Repository.ROOT,
              Duration.ofSeconds(60),
              List.of("kubectl", "kustomize", "k8s/overlays/" + overlay));
      assertThat(run.exitCode())
          .as("kubectl kustomize k8s/overlays/%s: %s", overlay, run.output())
          .isZero();
      List<Map<String, Object>> resources = new ArrayList<>();
      for (Object document :
          new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(run.output())) {
        if (document != null) {
          resources.add(map(document));
        }
      }
      rendered.put(overlay, resources);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void streamsServicesAreStatefulSetsAndProcessorsAreDeployments(String overlay) {
    assertThat(names(overlay, "StatefulSet"))
        .containsExactlyInAnyOrderElementsOf(Repository.STREAMS_SERVICES);
    assertThat(names(overlay, "Deployment"))
        .containsExactlyInAnyOrderElementsOf(Repository.PROCESSORS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyContainerHasActuatorProbesAndResources(String overlay) {
    forEachContainer(
        overlay,
        (workload, container) -> {
          String what = workload + "/" + container.get("name");
          assertThat(httpGetPath(container, "livenessProbe"))
              .as(what)
              .isEqualTo("/actuator/health/liveness");
          assertThat(httpGetPath(container, "readinessProbe"))
              .as(what)
              .isEqualTo("/actuator/health/readiness");
          Map<String, Object> resources = map(container.get("resources"));
          assertThat(map(resources.get("requests"))).as(what).containsKeys("cpu", "memory");
          assertThat(map(resources.get("limits"))).as(what).containsKeys("cpu", "memory");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void facadeIsProbedAndScrapedOnItsManagementPortWhichNoServiceExposes(String overlay) {
    Map<String, Object> facade = resource(overlay, "StatefulSet", "order-ingest");
    Map<String, Object> container = containers(facade).get(0);
    int management =
        list(container.get("ports")).stream()
            .map(KubernetesManifestsTest::map)
            .filter(port -> "management".equals(port.get("name")))
            .map(port -> ((Number) port.get("containerPort")).intValue())
            .findFirst()
            .orElseThrow(() -> new AssertionError("order-ingest has no management port"));
    assertThat(literalEnv(container))
        .containsEntry("PAYRAIL_ORDER_INGEST_MANAGEMENT_PORT", String.valueOf(management));
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      assertThat(map(map(container.get(probe)).get("httpGet")).get("port"))
          .as(probe)
          .isEqualTo("management");
    }
    Map<String, Object> annotations =
        map(map(map(map(facade.get("spec")).get("template")).get("metadata")).get("annotations"));
    assertThat(annotations).containsEntry("prometheus.io/port", String.valueOf(management));
    for (Map<String, Object> service : ofKind(overlay, "Service")) {
      if (!name(service).startsWith("order-ingest")) {
        continue;
      }
      for (Object port : list(map(service.get("spec")).get("ports"))) {
        assertThat(map(port).get("port")).as(name(service)).isNotEqualTo(management);
        assertThat(map(port).get("targetPort")).as(name(service)).isNotIn("management", management);
      }
    }
  }

  /**
   * loyalty-streams' port serves actuator only: its one Service is the headless one that names the
   * pods, and no NetworkPolicy lets anything but Prometheus's namespace in.
   */
  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void loyaltyStreamsIsReachedByNoClient(String overlay) {
    Map<String, Object> loyalty = resource(overlay, "StatefulSet", "loyalty-streams");
    Map<String, Object> labels =
        map(map(map(map(loyalty.get("spec")).get("template")).get("metadata")).get("labels"));
    List<Map<String, Object>> services =
        ofKind(overlay, "Service").stream()
            .filter(service -> selects(map(map(service.get("spec")).get("selector")), labels))
            .toList();
    assertThat(services)
        .extracting(KubernetesManifestsTest::name)
        .containsExactly(map(loyalty.get("spec")).get("serviceName").toString());
    assertThat(map(services.get(0).get("spec"))).containsEntry("clusterIP", "None");
    for (Map<String, Object> policy : ofKind(overlay, "NetworkPolicy")) {
      if (!selectsPods(map(map(policy.get("spec")).get("podSelector")), labels)) {
        continue;
      }
      for (Object rule : list(map(policy.get("spec")).get("ingress"))) {
        assertThat(list(map(rule).get("from")))
            .as("%s lets in", name(policy))
            .isNotEmpty()
            .allSatisfy(
                from ->
                    assertThat(
                            map(map(map(from).get("namespaceSelector")).get("matchLabels"))
                                .get("kubernetes.io/metadata.name"))
                        .isEqualTo("monitoring"));
      }
    }
  }

  /** Whether every label of {@code selector} is on a pod with {@code labels}. */
  private static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
    return labels.entrySet().containsAll(selector.entrySet());
  }

  /**
   * Whether a label selector (matchLabels, matchExpressions with In) picks pods with {@code
   * labels}.
   */
  private static boolean selectsPods(Map<String, Object> selector, Map<String, Object> labels) {
    if (!selects(map(selector.get("matchLabels")), labels)) {
      return false;
    }
    for (Object expression : list(selector.get("matchExpressions"))) {
      assertThat(map(expression).get("operator"))
          .as("an operator this check reads")
          .isEqualTo("In");
      if (!list(map(expression).get("values")).contains(labels.get(map(expression).get("key")))) {
        return false;
      }
    }
    return true;
  }

  @Test
  void onlyTheDevOverlayMayStartTheFacadeWithTheDevelopmentKey() {
    String allow = "PAYRAIL_INGEST_ALLOW_DEVELOPMENT_KEY";
    assertThat(literalEnv(containers(resource("dev", "StatefulSet", "order-ingest")).get(0)))
        .containsEntry(allow, "true");
    assertThat(literalEnv(containers(resource("prod", "StatefulSet", "order-ingest")).get(0)))
        .doesNotContainKey(allow);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void noImageIsUntaggedOrLatest(String overlay) {
    for (Map<String, Object> pod : podOwners(overlay)) {
      for (Map<String, Object> container : containers(pod)) {
        assertThat(new ImageReference(container.get("image").toString()).isPinned())
            .as(name(pod) + ": " + container.get("image"))
            .isTrue();
      }
    }
  }

  /** Production never runs the simulated acquirer; dev has no acquirer but the simulated one. */
  @Test
  void onlyDevProcessorsRunTheSimulatedAcquirersDemoImage() {
    for (String overlay : List.of("dev", "prod")) {
      forEachContainer(
          overlay,
          (workload, container) -> {
            boolean demoImage = container.get("image").toString().endsWith("-simulated-acquirer");
            assertThat(demoImage)
                .as(overlay + ": " + workload + " " + container.get("image"))
                .isEqualTo(overlay.equals("dev") && Repository.PROCESSORS.contains(workload));
          });
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyPodRunsAsNonRootOnAReadOnlyRootFilesystemWithAWritableTmp(String overlay) {
    for (Map<String, Object> workload : podOwners(overlay)) {
      String name = name(workload);
      Map<String, Object> pod = podSpec(workload);
      Map<String, Object> podSecurity = map(pod.get("securityContext"));
      assertThat(podSecurity).as(name).containsEntry("runAsNonRoot", true);
      assertThat(((Number) podSecurity.get("runAsUser")).longValue()).as(name).isPositive();
      List<String> emptyDirs =
          list(pod.get("volumes")).stream()
              .map(KubernetesManifestsTest::map)
              .filter(volume -> volume.containsKey("emptyDir"))
              .map(volume -> volume.get("name").toString())
              .toList();
      for (Map<String, Object> container : containers(workload)) {
        Map<String, Object> security = map(container.get("securityContext"));
        assertThat(security)
            .as(name)
            .containsEntry("readOnlyRootFilesystem", true)
            .containsEntry("allowPrivilegeEscalation", false);
        assertThat(list(map(security.get("capabilities")).get("drop"))).as(name).contains("ALL");
        assertThat(mountedAt(container, "/tmp")).as(name + " /tmp").isPresent();
        assertThat(emptyDirs)
            .as(name + " /tmp is an emptyDir")
            .contains(mountedAt(container, "/tmp").get());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void containersAreConfiguredOnlyThroughVariablesTheirApplicationReads(String overlay) {
    Map<String, List<String>> unread = new TreeMap<>();
    forEachContainer(
        overlay,
        (workload, container) -> {
          ApplicationConfiguration configuration =
              ApplicationConfiguration.of(container.get("name").toString());
          List<Map<String, Object>> env = env(container);
          for (Map<String, Object> variable : env) {
            String name = variable.get("name").toString();
            boolean expandedInManifest =
                env.stream()
                    .map(other -> String.valueOf(other.get("value")))
                    .anyMatch(value -> value.contains("$(" + name + ")"));
            if (!name.equals(ApplicationConfiguration.JVM_OPTIONS)
                && !expandedInManifest
                && configuration.reads(name).isEmpty()) {
              unread.computeIfAbsent(workload, key -> new ArrayList<>()).add(name);
            }
          }
        });
    assertThat(unread)
        .as("variables given to a container whose application.yml does not read them")
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyConfigMapAndSecretReferenceResolves(String overlay) {
    forEachContainer(
        overlay,
        (workload, container) -> {
          for (Map<String, Object> variable : env(container)) {
            Map<String, Object> from = map(variable.get("valueFrom"));
            for (String kind : List.of("ConfigMap", "Secret")) {
              String refKey = kind.equals("ConfigMap") ? "configMapKeyRef" : "secretKeyRef";
              if (from.containsKey(refKey)) {
                Map<String, Object> ref = map(from.get(refKey));
                Map<String, Object> resource = resource(overlay, kind, ref.get("name").toString());
                Map<String, Object> data = new HashMap<>(map(resource.get("data")));
                data.putAll(map(resource.get("stringData")));
                assertThat(data)
                    .as(workload + " " + variable.get("name"))
                    .containsKey(ref.get("key").toString());
              }
            }
          }
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void processorsScaleOnLagUpToThePartitionsOfTheTopicTheyConsume(String overlay) {
    Map<String, Integer> deployedPartitions = new HashMap<>();
    for (Map<String, Object> topic : ofKind(overlay, "KafkaTopic")) {
      Map<String, Object> spec = map(topic.get("spec"));
      deployedPartitions.put(
          spec.get("topicName").toString(), ((Number) spec.get("partitions")).intValue());
    }
    for (String processor : Repository.PROCESSORS) {
      Topic<?, ?> consumed = CONSUMED.get(processor);
      Map<String, Object> scaledObject = resource(overlay, "ScaledObject", processor);
      Map<String, Object> spec = map(scaledObject.get("spec"));
      assertThat(map(spec.get("scaleTargetRef"))).containsEntry("name", processor);
      int max = ((Number) spec.get("maxReplicaCount")).intValue();
      int min = ((Number) spec.get("minReplicaCount")).intValue();
      assertThat(min).as(processor).isBetween(1, max);
      assertThat(max)
          .as("%s maxReplicaCount vs partitions of %s", processor, consumed.name())
          .isLessThanOrEqualTo(consumed.defaultPartitions())
          .isLessThanOrEqualTo(deployedPartitions.get(consumed.name()));

      Map<String, Object> behavior =
          map(map(map(spec.get("advanced")).get("horizontalPodAutoscalerConfig")).get("behavior"));
      assertThat(
              ((Number) map(behavior.get("scaleDown")).get("stabilizationWindowSeconds"))
                  .intValue())
          .as(processor + " scale-down stabilisation")
          .isPositive();
      assertThat(map(behavior.get("scaleUp")))
          .as(processor)
          .containsKey("stabilizationWindowSeconds");

      List<Object> triggers = list(spec.get("triggers"));
      assertThat(triggers).as(processor).hasSize(1);
      Map<String, Object> trigger = map(triggers.get(0));
      assertThat(trigger).containsEntry("type", "kafka");
      Map<String, Object> metadata = map(trigger.get("metadata"));
      assertThat(metadata).as(processor).containsEntry("topic", consumed.name());

      Map<String, Object> container = containers(resource(overlay, "Deployment", processor)).get(0);
      ApplicationConfiguration configuration = ApplicationConfiguration.of(processor);
      Optional<String> groupId =
          configuration.resolve("spring.kafka.consumer.group-id", literalEnv(container));
      assertThat(groupId)
          .as("%s's application.yml declares spring.kafka.consumer.group-id", processor)
          .isPresent();
      assertThat(metadata)
          .as("KEDA watches the group the application joins")
          .containsEntry("consumerGroup", groupId.get());
      assertThat(metadata)
          .as("KEDA reads lag from the brokers the application uses")
          .containsEntry("bootstrapServers", bootstrapServers(overlay, container));

      // Each pod joins the group with spring.kafka.listener.concurrency consumers: the largest
      // size KEDA may scale to must not give the group more consumers than partitions.
      int consumersPerPod =
          configuration
              .resolve("spring.kafka.listener.concurrency", literalEnv(container))
              .map(Integer::parseInt)
              .orElse(1);
      assertThat(max * consumersPerPod)
          .as("%s maxReplicaCount x %d consumers per pod vs partitions", processor, consumersPerPod)
          .isLessThanOrEqualTo(consumed.defaultPartitions())
          .isLessThanOrEqualTo(deployedPartitions.get(consumed.name()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void streamsServicesKeepStateAdvertiseTheirPodAddressAndUseStaticMembershipAndAStandby(
      String overlay) {
    for (String service : Repository.STREAMS_SERVICES) {
      Map<String, Object> statefulSet = resource(overlay, "StatefulSet", service);
      Map<String, Object> spec = map(statefulSet.get("spec"));
      String headless = spec.get("serviceName").toString();
      Map<String, Object> serviceSpec = map(resource(overlay, "Service", headless).get("spec"));
      assertThat(serviceSpec).as(headless).containsEntry("clusterIP", "None");
      assertThat(map(serviceSpec.get("selector")))
          .isEqualTo(map(map(spec.get("selector")).get("matchLabels")));

      assertThat(
              list(spec.get("volumeClaimTemplates")).stream().map(template -> name(map(template))))
          .as(service)
          .contains(STATE_VOLUME);
      Map<String, Object> container = containers(statefulSet).get(0);
      String stateDir =
          list(container.get("volumeMounts")).stream()
              .map(KubernetesManifestsTest::map)
              .filter(mount -> STATE_VOLUME.equals(mount.get("name")))
              .map(mount -> mount.get("mountPath").toString())
              .findFirst()
              .orElseThrow();
      Map<String, String> env = literalEnv(container);
      int port =
          ((Number) map(list(container.get("ports")).get(0)).get("containerPort")).intValue();

      assertThat(fieldRef(container, "POD_NAME")).contains("metadata.name");
      assertThat(fieldRef(container, "POD_NAMESPACE")).contains("metadata.namespace");
      assertThat(env.values())
          .as("%s: state.dir on the persistent volume", service)
          .contains(stateDir);
      assertThat(env.values())
          .as("%s: application.server is the pod's DNS name", service)
          .contains(POD_NAME + "." + headless + ".$(POD_NAMESPACE).svc.cluster.local:" + port);
      // Static membership: every Streams service derives group.instance.id from the
      // application.server above (stable per pod); none is given one by hand.
      assertThat(env.keySet())
          .as("%s: static membership named by application.server", service)
          .noneMatch(name -> name.endsWith("GROUP_INSTANCE_ID"));
      assertThat(env.entrySet())
          .as("%s: one standby replica", service)
          .anySatisfy(
              entry -> {
                assertThat(entry.getKey()).endsWith("STANDBY_REPLICAS");
                assertThat(entry.getValue()).isEqualTo("1");
              });
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void aJobRegistersTheContractSchemasFromAServiceImage(String overlay) {
    Map<String, Object> job = resource(overlay, "Job", "schema-registration");
    assertThat(((Number) map(job.get("spec")).get("backoffLimit")).intValue())
        .as("the registry may not be up yet: the Job retries")
        .isPositive();
    assertThat(podSpec(job).get("restartPolicy")).isIn("Never", "OnFailure");
    Map<String, Object> container = containers(job).get(0);
    assertThat(
            String.join(
                " ", list(container.get("command")).stream().map(Object::toString).toList()))
        .contains(SchemaRegistrationCommand.LOADER_MAIN)
        .endsWith(SchemaRegistrationCommand.PROPERTIES_LAUNCHER);
    assertThat(
            workloads(overlay).stream()
                .flatMap(w -> containers(w).stream())
                .map(c -> c.get("image")))
        .as("the registration runs from one of the service images")
        .contains(container.get("image"));
    Map<String, Object> resources = map(container.get("resources"));
    assertThat(map(resources.get("requests"))).containsKeys("cpu", "memory");
    assertThat(map(resources.get("limits"))).containsKeys("cpu", "memory");
    Map<String, Object> service =
        containers(resource(overlay, "Deployment", "payment-processor")).get(0);
    assertThat(registryUrlSource(container))
        .as("the Job registers in the registry the services use")
        .isEqualTo(registryUrlSource(service));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void servicesWriteOnlyTheRegisteredContract(String overlay) {
    for (Map<String, Object> workload : workloads(overlay)) {
      Map<String, String> env = literalEnv(containers(workload).get(0));
      if (SchemaRegistrationCommand.AUTO_REGISTERING.contains(name(workload))) {
        assertThat(env)
            .as(name(workload))
            .doesNotContainKey(SchemaRegistrationCommand.AUTO_REGISTER_VARIABLE);
      } else {
        assertThat(env)
            .as(name(workload))
            .containsEntry(SchemaRegistrationCommand.AUTO_REGISTER_VARIABLE, "false")
            .containsEntry(SchemaRegistrationCommand.USE_LATEST_VARIABLE, "true");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyWorkloadHasADisruptionBudget(String overlay) {
    for (Map<String, Object> workload : workloads(overlay)) {
      Map<String, Object> labels =
          map(map(map(workload.get("spec")).get("selector")).get("matchLabels"));
      assertThat(ofKind(overlay, "PodDisruptionBudget"))
          .as(name(workload))
          .anySatisfy(
              budget ->
                  assertThat(map(map(map(budget.get("spec")).get("selector")).get("matchLabels")))
                      .isEqualTo(labels));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void kafkaTopicsAreTheContractWithTheOverlaysDurability(String overlay) {
    List<TopicLine> deployed = new ArrayList<>();
    for (Map<String, Object> topic : ofKind(overlay, "KafkaTopic")) {
      Map<String, Object> spec = map(topic.get("spec"));
      Map<String, Object> config = map(spec.get("config"));
      deployed.add(
          new TopicLine(
              spec.get("topicName").toString(),
              ((Number) spec.get("partitions")).intValue(),
              config.get("cleanup.policy").toString()));
      assertThat(((Number) spec.get("replicas")).intValue())
          .as(spec.get("topicName") + " replicas")
          .isEqualTo(TOPIC_REPLICAS.get(overlay));
      assertThat(String.valueOf(config.get("min.insync.replicas")))
          .as(spec.get("topicName") + " min.insync.replicas")
          .isEqualTo(TOPIC_MIN_ISR.get(overlay));
    }
    assertThat(deployed).containsExactlyInAnyOrderElementsOf(TopicDefinitionsTest.contract());
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void networkTrafficIsDeniedUnlessAllowed(String overlay) {
    assertThat(ofKind(overlay, "NetworkPolicy"))
        .anySatisfy(
            policy -> {
              Map<String, Object> spec = map(policy.get("spec"));
              assertThat(map(spec.get("podSelector"))).isEmpty();
              assertThat(list(spec.get("policyTypes"))).contains("Ingress", "Egress");
              assertThat(spec).doesNotContainKeys("ingress", "egress");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"prod"})
  void productionSecretsArePlaceholders(String overlay) {
    List<Map<String, Object>> secrets = ofKind(overlay, "Secret");
    assertThat(secrets).isNotEmpty();
    for (Map<String, Object> secret : secrets) {
      assertThat(map(secret.get("data"))).as(name(secret)).isEmpty();
      assertThat(map(secret.get("stringData")).values())
          .as(name(secret))
          .allSatisfy(value -> assertThat(value.toString()).contains("CHANGE_ME"));
    }
  }

  private String bootstrapServers(String overlay, Map<String, Object> container) {
    Map<String, Object> variable =
        env(container).stream()
            .filter(v -> "PAYRAIL_KAFKA_BOOTSTRAP_SERVERS".equals(v.get("name")))
            .findFirst()
            .orElseThrow();
    if (variable.containsKey("value")) {
      return variable.get("value").toString();
    }
    Map<String, Object> ref = map(map(variable.get("valueFrom")).get("configMapKeyRef"));
    return map(resource(overlay, "ConfigMap", ref.get("name").toString()).get("data"))
        .get(ref.get("key").toString())
        .toString();
  }

  private interface ContainerCheck {
    void check(String workload, Map<String, Object> container);
  }

  private static void forEachContainer(String overlay, ContainerCheck check) {
    List<Map<String, Object>> workloads = workloads(overlay);
    assertThat(workloads).hasSize(Repository.SERVICES.size());
    for (Map<String, Object> workload : workloads) {
      for (Map<String, Object> container : containers(workload)) {
        check.check(name(workload), container);
      }
    }
  }

  private static List<Map<String, Object>> workloads(String overlay) {
    List<Map<String, Object>> workloads = new ArrayList<>(ofKind(overlay, "Deployment"));
    workloads.addAll(ofKind(overlay, "StatefulSet"));
    return workloads;
  }

  /** Everything that runs pods: the services' workloads and the schema registration Job. */
  private static List<Map<String, Object>> podOwners(String overlay) {
    List<Map<String, Object>> owners = new ArrayList<>(workloads(overlay));
    owners.addAll(ofKind(overlay, "Job"));
    return owners;
  }

  private static Object registryUrlSource(Map<String, Object> container) {
    return env(container).stream()
        .filter(variable -> "PAYRAIL_SCHEMA_REGISTRY_URL".equals(variable.get("name")))
        .findFirst()
        .map(
            variable ->
                variable.containsKey("value") ? variable.get("value") : variable.get("valueFrom"))
        .orElseThrow();
  }

  private static List<Map<String, Object>> ofKind(String overlay, String kind) {
    return rendered.get(overlay).stream().filter(r -> kind.equals(r.get("kind"))).toList();
  }

  private static List<String> names(String overlay, String kind) {
    return ofKind(overlay, kind).stream().map(KubernetesManifestsTest::name).toList();
  }

  private static Map<String, Object> resource(String overlay, String kind, String name) {
    return ofKind(overlay, kind).stream()
        .filter(r -> name.equals(name(r)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(overlay + " renders no " + kind + " " + name));
  }

  private static String name(Map<String, Object> resource) {
    return map(resource.get("metadata")).get("name").toString();
  }

  private static Map<String, Object> podSpec(Map<String, Object> workload) {
    return map(map(map(workload.get("spec")).get("template")).get("spec"));
  }

  private static List<Map<String, Object>> containers(Map<String, Object> workload) {
    return list(podSpec(workload).get("containers")).stream()
        .map(KubernetesManifestsTest::map)
        .toList();
  }

  private static List<Map<String, Object>> env(Map<String, Object> container) {
    return list(container.get("env")).stream().map(KubernetesManifestsTest::map).toList();
  }

  /** The variables given a literal value (not from a ConfigMap, Secret or the downward API). */
  private static Map<String, String> literalEnv(Map<String, Object> container) {
    Map<String, String> literal = new LinkedHashMap<>();
    for (Map<String, Object> variable : env(container)) {
      if (variable.containsKey("value")) {
        literal.put(variable.get("name").toString(), variable.get("value").toString());
      }
    }
    return literal;
  }

  private static Optional<String> fieldRef(Map<String, Object> container, String name) {
    return env(container).stream()
        .filter(variable -> name.equals(variable.get("name")))
        .map(variable -> map(map(variable.get("valueFrom")).get("fieldRef")).get("fieldPath"))
        .filter(path -> path != null)
        .map(Object::toString)
        .findFirst();
  }

  private static Optional<String> mountedAt(Map<String, Object> container, String path) {
    return list(container.get("volumeMounts")).stream()
        .map(KubernetesManifestsTest::map)
        .filter(mount -> path.equals(mount.get("mountPath")))
        .map(mount -> mount.get("name").toString())
        .findFirst();
  }

  private static String httpGetPath(Map<String, Object> container, String probe) {
    Object path = map(map(container.get(probe)).get("httpGet")).get("path");
    return path == null ? null : path.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object node) {
    return node instanceof Map<?, ?> ? (Map<String, Object>) node : Map.of();
  }

  private static List<Object> list(Object node) {
    return node instanceof Iterable<?> iterable
        ? StreamSupport.stream(iterable.spliterator(), false).map(Object.class::cast).toList()
        : List.of();
  }
}
