package io.djflink.job.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.djflink.ops.OpRegistry;
import io.djflink.recipe.RecipeValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the deployment files offline: k8s/ against the Flink Kubernetes Operator's
 * FlinkDeployment CRD and against each other, and docker/Dockerfile against the build.
 */
class ManifestsTest {

    private static final String CRD = "META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml";

    private static final YAMLMapper YAML = new YAMLMapper();

    private static Path root;
    private static JsonSchema flinkDeploymentSchema;
    private static String crdApiVersion;
    private static String crdKind;

    @BeforeAll
    static void load() throws IOException {
        root = repositoryRoot();
        JsonNode crd;
        try (InputStream in = ManifestsTest.class.getClassLoader().getResourceAsStream(CRD)) {
            assertThat(in).as("%s on the test classpath (flink-kubernetes-operator-api)", CRD).isNotNull();
            crd = YAML.readTree(in);
        }
        JsonNode version = crd.path("spec").path("versions").path(0);
        crdApiVersion = crd.path("spec").path("group").asText() + "/" + version.path("name").asText();
        crdKind = crd.path("spec").path("names").path("kind").asText();
        ObjectNode schema = (ObjectNode) version.path("schema").path("openAPIV3Schema").deepCopy();
        widenFlinkVersions(schema);
        allowObjectMetaAtRoot(schema);
        closeObjects(schema);
        flinkDeploymentSchema = schemaFactory().getSchema(schema);
    }

    // ---------------------------------------------------------------- FlinkDeployment vs CRD

    @Test
    void everyFlinkDeploymentMatchesTheOperatorCrd() throws IOException {
        List<JsonNode> deployments = flinkDeployments();
        assertThat(deployments).as("FlinkDeployment documents in k8s/").isNotEmpty();
        for (JsonNode d : deployments) {
            assertThat(d.path("apiVersion").asText()).isEqualTo(crdApiVersion);
            assertThat(problems(d)).as(d.path("metadata").path("name").asText()).isEmpty();
        }
    }

    @Test
    void theSchemaReportsAnUnknownUpgradeMode() throws IOException {
        ObjectNode bad = deployment().deepCopy();
        job(bad).put("upgradeMode", "last-savepoint");

        assertThat(problems(bad)).anyMatch(p -> p.contains("spec.job.upgradeMode"));
    }

    @Test
    void theSchemaReportsAParallelismGivenAsAString() throws IOException {
        ObjectNode bad = deployment().deepCopy();
        job(bad).put("parallelism", "2");

        assertThat(problems(bad)).anyMatch(p -> p.contains("spec.job.parallelism"));
    }

    @Test
    void theSchemaReportsAMisspelledField() throws IOException {
        ObjectNode bad = deployment().deepCopy();
        job(bad).set("upgradeMod", job(bad).remove("upgradeMode"));

        assertThat(problems(bad)).anyMatch(p -> p.contains("upgradeMod"));
    }

    @Test
    void theSchemaReportsAFlinkVersionTheOperatorDoesNotKnow() throws IOException {
        ObjectNode bad = deployment().deepCopy();
        ((ObjectNode) bad.path("spec")).put("flinkVersion", "v9_9");

        assertThat(problems(bad)).anyMatch(p -> p.contains("spec.flinkVersion"));
    }

    // ---------------------------------------------------------------- the pieces fit together

    @Test
    void kustomizationListsOnlyFilesThatExist() throws IOException {
        JsonNode k = YAML.readTree(root.resolve("k8s/kustomization.yaml").toFile());
        List<String> listed = new ArrayList<>();
        k.path("resources").forEach(r -> listed.add(r.asText()));
        k.path("configMapGenerator").forEach(g -> g.path("files").forEach(f -> listed.add(fileOf(f.asText()))));

        assertThat(listed).contains("flinkdeployment.yaml", "recipe.yaml");
        assertThat(listed).allSatisfy(f -> assertThat(root.resolve("k8s").resolve(f)).isRegularFile());
    }

    @Test
    void theRecipeConfigMapIsMountedWhereTheJobReadsIt() throws IOException {
        JsonNode generator = recipeConfigMapGenerator();
        // A hashed name would no longer match the volume below (kustomize does not rewrite it).
        assertThat(generator.path("options").path("disableNameSuffixHash").asBoolean()).isTrue();
        String recipeFile = fileOf(generator.path("files").path(0).asText());

        JsonNode spec = deployment().path("spec");
        JsonNode volume = one(spec.path("podTemplate").path("spec").path("volumes"),
                v -> v.path("configMap").path("name").asText().equals(generator.path("name").asText()));
        JsonNode container = mainContainer(spec);
        JsonNode mount = one(container.path("volumeMounts"),
                m -> m.path("name").asText().equals(volume.path("name").asText()));

        List<String> args = new ArrayList<>();
        spec.path("job").path("args").forEach(a -> args.add(a.asText()));
        assertThat(args).containsExactly("run", mount.path("mountPath").asText() + "/" + recipeFile);
    }

    @Test
    void theRecipeAsksForTheParallelismTheDeploymentPlansFor() throws IOException {
        // The job sets np as its parallelism; the operator sizes the TaskManagers from spec.job.
        JsonNode recipe = YAML.readTree(root.resolve("k8s/recipe.yaml").toFile());

        assertThat(recipe.path("np").asInt()).isEqualTo(deployment().path("spec").path("job").path("parallelism").asInt());
    }

    @Test
    void theJobJarIsTheOneTheImageShips() throws IOException {
        Matcher copy = Pattern.compile("(?m)^COPY\\s+(\\S+)\\s+(/opt/flink/usrlib/\\S+)\\s*$").matcher(dockerfile());
        assertThat(copy.find()).as("a COPY into /opt/flink/usrlib in docker/Dockerfile").isTrue();

        assertThat(copy.group(1)).isEqualTo("flink-job/target/djflink-flink.jar");
        assertThat(copy.group(2)).isEqualTo("/opt/flink/usrlib/djflink.jar");
        assertThat(deployment().path("spec").path("job").path("jarURI").asText()).isEqualTo("local://" + copy.group(2));
        assertThat(deployment().path("spec").path("job").path("entryClass").asText())
                .isEqualTo(io.djflink.job.cli.Main.class.getName());
    }

    @Test
    void theImageAndTheDeploymentRunTheFlinkTheJobIsBuiltWith() throws IOException {
        String flink = EnvironmentInformation.getVersion(); // from the flink-runtime jar, e.g. 2.2.0
        Matcher from = Pattern.compile("(?m)^FROM\\s+flink:(\\S+)\\s*$").matcher(dockerfile());
        assertThat(from.find()).as("FROM flink:<tag> in docker/Dockerfile").isTrue();

        assertThat(from.group(1)).startsWith(flink + "-").contains("java17");
        String[] majorMinor = flink.split("\\.");
        assertThat(deployment().path("spec").path("flinkVersion").asText())
                .isEqualTo("v" + majorMinor[0] + "_" + majorMinor[1]);
    }

    @Test
    void prometheusIsScrapedOnTheReporterPort() throws IOException {
        JsonNode spec = deployment().path("spec");
        JsonNode conf = spec.path("flinkConfiguration");
        assertThat(conf.path("metrics.reporter.prom.factory.class").asText())
                .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        String port = conf.path("metrics.reporter.prom.port").asText();

        assertThat(spec.path("podTemplate").path("metadata").path("annotations").path("prometheus.io/port").asText())
                .isEqualTo(port);
        assertThat(mainContainer(spec).path("ports").findValuesAsText("containerPort")).contains(port);
        assertThat(dockerfile()).contains("/opt/flink/plugins/metrics-prometheus");
    }

    // ---------------------------------------------------------------- the recipe

    @Test
    void theRecipeHasAProcessListAndTheDjflinkSection() throws IOException {
        JsonNode recipe = YAML.readTree(root.resolve("k8s/recipe.yaml").toFile());

        assertThat(recipe.path("process").isArray()).isTrue();
        assertThat(recipe.path("process")).isNotEmpty();
        JsonNode dj = recipe.path("djflink");
        assertThat(dj.path("mode").asText()).isIn("batch", "streaming");
        assertThat(dj.path("source").asText()).isIn("files", "files-continuous", "kafka");
        assertThat(dj.path("sink").asText()).isIn("files", "kafka");
        JsonNode kafka = dj.path("kafka");
        assertThat(fieldNames(kafka)).containsAll(List.of(
                "bootstrap-servers", "group-id", "starting-offsets", "output-topic", "trace-topic", "errors-topic",
                "delivery", "properties"));
        assertThat(kafka.has("topics") || kafka.has("topic-pattern")).as("topics or topic-pattern").isTrue();
        assertThat(kafka.path("starting-offsets").asText()).matches("earliest|latest|committed|timestamp:\\d+");
        assertThat(kafka.path("delivery").asText()).isIn("exactly-once", "at-least-once", "none");
        // The secret comes from the pod environment, never from the recipe.
        assertThat(kafka.path("properties").path("sasl.jaas.config").asText()).isEqualTo("${env:KAFKA_SASL_JAAS}");
        JsonNode secretEnv = one(mainContainer(deployment().path("spec")).path("env"),
                e -> e.path("name").asText().equals("KAFKA_SASL_JAAS"));
        assertThat(secretEnv.path("valueFrom").path("secretKeyRef").path("name").asText()).isEqualTo("djflink-kafka");
    }

    @Test
    void theWholeRecipeValidatesAndItsSettingsResolve() throws IOException {
        RecipeValidator.Validated v = RecipeValidator.loadAndValidate(root.resolve("k8s/recipe.yaml"), OpRegistry.get(), true);
        io.djflink.recipe.RuntimeSettings s = io.djflink.recipe.RuntimeSettings.of(v.recipe(),
                name -> name.equals("KAFKA_SASL_JAAS") ? "jaas-from-the-secret" : null);
        assertThat(s.source()).isEqualTo(io.djflink.recipe.RuntimeSettings.Source.KAFKA);
        assertThat(s.mode()).isEqualTo(io.djflink.recipe.RuntimeSettings.Mode.STREAMING);
        assertThat(s.withPrefix("kafka.properties.")).containsEntry("sasl.jaas.config", "jaas-from-the-secret");

        assertThat(v.ops()).isNotEmpty();
        assertThat(v.ops().get(v.ops().size() - 1).name()).isEqualTo("document_deduplicator");
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The operator api served here (1.10.0) stops its flinkVersion enum at v1_20; operator 1.13+
     * accepts v2_2 but its CRD is not published where this build can fetch it. Every other field
     * is still checked against the 1.10.0 schema.
     */
    private static void widenFlinkVersions(ObjectNode schema) {
        ArrayNode versions = (ArrayNode) schema.path("properties").path("spec").path("properties")
                .path("flinkVersion").path("enum");
        assertThat(versions).as("flinkVersion enum in the CRD").isNotEmpty();
        for (String v : List.of("v2_0", "v2_1", "v2_2")) {
            if (!versions.toString().contains('"' + v + '"')) {
                versions.add(v);
            }
        }
    }

    /** The CRD schema leaves out the fields the API server checks for every kind. */
    private static void allowObjectMetaAtRoot(ObjectNode schema) {
        ObjectNode props = (ObjectNode) schema.path("properties");
        props.putObject("apiVersion").put("type", "string");
        props.putObject("kind").put("type", "string");
        props.putObject("metadata").put("type", "object");
    }

    /**
     * The API server drops or (kubectl's strict field validation, the default) refuses fields a
     * structural schema does not declare, though the schema itself does not say
     * additionalProperties: false. Saying it here makes a misspelled field fail the test too.
     */
    private static void closeObjects(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.has("properties") && !o.has("additionalProperties")
                    && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
                o.put("additionalProperties", false);
            }
            o.path("properties").forEach(ManifestsTest::closeObjects);
            for (String child : List.of("items", "additionalProperties")) {
                closeObjects(o.path(child));
            }
            for (String list : List.of("anyOf", "allOf", "oneOf")) {
                o.path(list).forEach(ManifestsTest::closeObjects);
            }
        }
    }

    private static JsonSchemaFactory schemaFactory() {
        // Kubernetes extensions: annotations for the API server, nothing to validate here.
        JsonMetaSchema meta = JsonMetaSchema.builder(JsonMetaSchema.getV4())
                .keyword(new NonValidationKeyword("x-kubernetes-int-or-string"))
                .keyword(new NonValidationKeyword("x-kubernetes-preserve-unknown-fields"))
                .build();
        return JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4))
                .metaSchema(meta)
                .build();
    }

    private static List<String> problems(JsonNode deployment) {
        assertThat(deployment.path("kind").asText()).isEqualTo(crdKind);
        Set<ValidationMessage> messages = flinkDeploymentSchema.validate(deployment);
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : messages) {
            out.add(m.getMessage()); // starts with the field's path, e.g. $.spec.job.upgradeMode
        }
        return out;
    }

    private static List<JsonNode> flinkDeployments() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve("k8s"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode doc : documents(f)) {
                    if (doc.path("kind").asText().equals("FlinkDeployment")) {
                        out.add(doc);
                    }
                }
            }
        }
        return out;
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && doc.isObject()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    private static ObjectNode deployment() throws IOException {
        List<JsonNode> all = documents(root.resolve("k8s/flinkdeployment.yaml"));
        assertThat(all).hasSize(1);
        return (ObjectNode) all.get(0);
    }

    private static ObjectNode job(JsonNode deployment) {
        return (ObjectNode) deployment.path("spec").path("job");
    }

    private static JsonNode mainContainer(JsonNode spec) {
        // The operator merges the container of this name into the JobManager and TaskManagers.
        return one(spec.path("podTemplate").path("spec").path("containers"),
                c -> c.path("name").asText().equals("flink-main-container"));
    }

    private static JsonNode recipeConfigMapGenerator() throws IOException {
        JsonNode k = YAML.readTree(root.resolve("k8s/kustomization.yaml").toFile());
        return one(k.path("configMapGenerator"), g -> g.path("name").asText().equals("djflink-recipe"));
    }

    private static JsonNode one(JsonNode array, Predicate<JsonNode> match) {
        List<JsonNode> hits = new ArrayList<>();
        array.forEach(n -> {
            if (match.test(n)) {
                hits.add(n);
            }
        });
        assertThat(hits).as("exactly one match in %s", array).hasSize(1);
        return hits.get(0);
    }

    /** A configMapGenerator entry is {@code file} or {@code key=file}. */
    private static String fileOf(String entry) {
        int eq = entry.indexOf('=');
        return eq < 0 ? entry : entry.substring(eq + 1);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.properties().forEach(e -> names.add(e.getKey()));
        return names;
    }

    private static String dockerfile() throws IOException {
        return Files.readString(root.resolve("docker/Dockerfile"));
    }

    /** Surefire runs in the module directory; the checkout root is the first parent with k8s/. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("k8s")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no k8s/ above " + Path.of("").toAbsolutePath());
    }
}
