package org.supportflow.nlu.domain;

import org.junit.jupiter.api.Test;
import org.supportflow.contracts.taxonomy.Priority;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BundleLoaderTest {

    private final BundleLoader loader = new BundleLoader();

    static final String DOMAIN = """
            {
              "name": "tiny",
              "version": "1",
              "languages": ["en"],
              "floor": {"heldoutAccuracy": 0.5},
              "fallbackQuickReplies": {"en": ["Plans", "Talk to an agent"]},
              "intents": [
                {"name": "plan_change", "route": "bot"},
                {"name": "billing_dispute", "route": "person", "priority": "HIGH", "skills": ["billing"]},
                {"name": "human_agent", "route": "person"},
                {"name": "out_of_scope", "route": "bot"}
              ],
              "entities": [{"type": "contract_number", "pattern": "C-\\\\d{6}"}]
            }
            """;

    static Map<String, byte[]> tinyFiles() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("domain.json", DOMAIN.getBytes(StandardCharsets.UTF_8));
        StringBuilder train = new StringBuilder("# tiny\n");
        for (int i = 0; i < 10; i++) {
            train.append("plan_change\tchange my plan please ").append(i).append('\n');
            train.append("billing_dispute\tthis bill is wrong number ").append(i).append('\n');
            train.append("human_agent\ti want a real person ").append(i).append('\n');
            train.append("out_of_scope\twhat is the weather ").append(i).append('\n');
        }
        files.put("train-en.tsv", train.toString().getBytes(StandardCharsets.UTF_8));
        files.put("heldout-en.tsv", """
                plan_change\tswitch me to another plan
                plan_change\ti'd like a cheaper plan
                billing_dispute\ti was overcharged
                billing_dispute\twhy is my bill so high
                human_agent\tlet me talk to someone
                human_agent\tagent please
                out_of_scope\ttell me a joke
                out_of_scope\twho won the game
                """.getBytes(StandardCharsets.UTF_8));
        files.put("faq-en.json", """
                {"version": "1", "language": "en", "answers": [
                  {"id": "plan_change.default", "intent": "plan_change", "keywords": [], "text": "Plans can be changed in the app.", "quickReplies": ["Plans"]},
                  {"id": "billing_dispute.handoff", "intent": "billing_dispute", "keywords": [], "text": "A billing specialist will check.", "quickReplies": []},
                  {"id": "human_agent.handoff", "intent": "human_agent", "keywords": [], "text": "Connecting you.", "quickReplies": []},
                  {"id": "out_of_scope.default", "intent": "out_of_scope", "keywords": [], "text": "Sorry?", "quickReplies": []}
                ]}
                """.getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private BundleLoader.Result load(Map<String, byte[]> files) {
        return loader.load(new BundleFiles(files, "test"));
    }

    private static void put(Map<String, byte[]> files, String name, String text) {
        files.put(name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWellFormedBundleLoadsWithItsPolicy() {
        BundleLoader.Result result = load(tinyFiles());

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        DomainBundle bundle = result.bundle();
        assertThat(bundle.name()).isEqualTo("tiny");
        assertThat(bundle.intentNames()).containsExactlyInAnyOrder("plan_change", "billing_dispute", "human_agent",
                "out_of_scope");
        DomainBundle.IntentSpec dispute = bundle.intents().get(1);
        assertThat(dispute.toPerson()).isTrue();
        assertThat(dispute.priority()).isEqualTo(Priority.HIGH);
        assertThat(dispute.skills()).containsExactly("billing");
        assertThat(dispute.sensitive()).as("a person-routed intent is sensitive unless said otherwise").isTrue();
        assertThat(bundle.trainingExamples()).hasSize(40);
        assertThat(bundle.heldoutByLanguage().get("en")).hasSize(8);
        assertThat(bundle.entities()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("contract_number");
            assertThat(e.pattern().matcher("my contract c-123456").find()).isTrue();
        });
        assertThat(bundle.knowledgeBase().answers("en", "plan_change")).hasSize(1);
        assertThat(bundle.fallbackQuickReplies()).containsEntry("en", List.of("Plans", "Talk to an agent"));
        assertThat(bundle.versionTag()).startsWith("1#").hasSize(10);
    }

    @Test
    void theShippedBundlesAreValid() {
        for (String name : List.of("shop", "telecom")) {
            BundleLoader.Result result = loader.load(BundleFiles.fromClasspath("domains/" + name,
                    DomainBundle.fileNames(List.of("ko", "en"))));
            assertThat(result.errors()).as(name).isEmpty();
            assertThat(result.warnings()).as(name).isEmpty();
        }
    }

    @Test
    void theShopBundleTrainsOnExactlyTheDataOfItsFilesInOrder() {
        DomainBundle shop = loader.load(BundleFiles.fromClasspath("domains/shop", DomainBundle.fileNames(
                List.of("ko", "en")))).orThrow();
        List<org.supportflow.nlu.classify.LabeledText> files = new java.util.ArrayList<>(
                org.supportflow.nlu.classify.TrainingData.fromClasspath("domains/shop/train-ko.tsv"));
        files.addAll(org.supportflow.nlu.classify.TrainingData.fromClasspath("domains/shop/train-en.tsv"));
        assertThat(shop.trainingExamples()).isEqualTo(files);
        assertThat(shop.intents()).hasSize(20);
        assertThat(shop.intents()).filteredOn(DomainBundle.IntentSpec::toPerson)
                .extracting(DomainBundle.IntentSpec::name)
                .containsExactly("delivery_problem", "payment_issue", "complaint", "human_agent");
    }

    @Test
    void aBrokenDomainFileIsReportedWithItsLine() {
        Map<String, byte[]> files = tinyFiles();
        put(files, "domain.json", "{\n  \"name\": \"tiny\",\n  \"version\": \"1\"\n  \"languages\": [\"en\"]\n}");

        BundleLoader.Result result = load(files);

        assertThat(result.valid()).isFalse();
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("domain.json");
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.message()).startsWith("not valid JSON");
        });
        assertThatThrownBy(result::orThrow).isInstanceOf(BundleException.class).hasMessageContaining("domain.json:4");
    }

    @Test
    void badIntentDeclarationsNameTheFieldAndLine() {
        Map<String, byte[]> files = tinyFiles();
        put(files, "domain.json", DOMAIN.replace("{\"name\": \"billing_dispute\", \"route\": \"person\"",
                "{\"name\": \"billing_dispute\", \"route\": \"robot\"")
                .replace("{\"name\": \"human_agent\", \"route\": \"person\"}", "{\"name\": \"human_agent\", \"route\": \"bot\"}"));

        BundleLoader.Result result = load(files);

        assertThat(result.errors()).extracting(BundleIssue::toString).anySatisfy(s ->
                assertThat(s).isEqualTo("domain.json:9: intents.1.route: \"route\" of billing_dispute must be \"bot\" or \"person\""));
        assertThat(result.errors()).extracting(BundleIssue::message)
                .anySatisfy(m -> assertThat(m).contains("reserved intent human_agent must have route \"person\""))
                .anySatisfy(m -> assertThat(m).contains("\"billing_dispute\" is not declared"));
    }

    @Test
    void reservedIntentsMustBeDeclared() {
        Map<String, byte[]> files = tinyFiles();
        put(files, "domain.json", DOMAIN.replace(",\n    {\"name\": \"out_of_scope\", \"route\": \"bot\"}", ""));

        BundleLoader.Result result = load(files);

        assertThat(result.errors()).extracting(BundleIssue::message)
                .anySatisfy(m -> assertThat(m).contains("the reserved intent out_of_scope must be declared"))
                .anySatisfy(m -> assertThat(m).contains("\"out_of_scope\" is not declared in domain.json"));
    }

    @Test
    void malformedAndUndeclaredExampleLinesAreErrorsWithFileAndLine() {
        Map<String, byte[]> files = tinyFiles();
        String train = new String(files.get("train-en.tsv"), StandardCharsets.UTF_8);
        put(files, "train-en.tsv", train + "no tab on this line\nroaming\tis roaming free\n");

        BundleLoader.Result result = load(files);

        assertThat(result.errors()).extracting(BundleIssue::toString).containsExactly(
                "train-en.tsv:42: expected <intent><TAB><text>",
                "train-en.tsv:43: intent \"roaming\" is not declared in domain.json");
    }

    @Test
    void missingFilesAndIntentsWithoutExamplesAreErrors() {
        Map<String, byte[]> files = tinyFiles();
        files.remove("faq-en.json");
        put(files, "train-en.tsv", new String(files.get("train-en.tsv"), StandardCharsets.UTF_8)
                .lines().filter(l -> !l.startsWith("plan_change")).reduce("", (a, b) -> a + b + "\n"));

        BundleLoader.Result result = load(files);

        assertThat(result.errors()).extracting(BundleIssue::toString).containsExactlyInAnyOrder(
                "faq-en.json: missing: the answers in en",
                "train-en.tsv: intent plan_change has no training examples");
    }

    @Test
    void answersForUndeclaredIntentsAndBrokenAnswerFilesAreErrors() {
        Map<String, byte[]> files = tinyFiles();
        put(files, "faq-en.json", new String(files.get("faq-en.json"), StandardCharsets.UTF_8)
                .replace("\"intent\": \"plan_change\"", "\"intent\": \"order_status\""));
        assertThat(load(files).errors()).extracting(BundleIssue::toString).containsExactly(
                "faq-en.json:2: answer for intent \"order_status\", which domain.json does not declare");

        put(files, "faq-en.json", "{\"version\": \"1\", \"language\": \"en\", \"answers\": [\n  {\"id\": }\n]}");
        assertThat(load(files).errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("faq-en.json");
            assertThat(e.message()).contains("line 2");
        });
    }

    @Test
    void warnsAboutFewExamplesConflictsAndLeaks() {
        Map<String, byte[]> files = tinyFiles();
        String train = new String(files.get("train-en.tsv"), StandardCharsets.UTF_8)
                .replace("plan_change\tchange my plan please 9\n", "")
                + "out_of_scope\tThis bill is wrong number 3!\n"
                + "plan_change\tSwitch me to another plan\n";
        put(files, "train-en.tsv", train);

        BundleLoader.Result result = load(files);

        assertThat(result.errors()).isEmpty();
        assertThat(result.valid()).isTrue();
        assertThat(result.warnings()).extracting(BundleIssue::toString).containsExactlyInAnyOrder(
                "train-en.tsv:41: the same text is under billing_dispute (line 15) and out_of_scope",
                "heldout-en.tsv:1: leaks into training: the same text is train-en.tsv:42 (the report would flatter the model)");

        put(files, "train-en.tsv", train.lines().filter(l -> !l.startsWith("plan_change\tchange my plan please 8"))
                .reduce("", (a, b) -> a + b + "\n"));
        assertThat(load(files).warnings()).extracting(BundleIssue::toString).contains(
                "train-en.tsv: intent plan_change has only 9 training examples (at least 10 recommended)");
    }

    @Test
    void zipArchivesRoundTripAndRefuseNestedOrForeignContent(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        BundleFiles files = new BundleFiles(tinyFiles(), "test");
        BundleFiles back = BundleFiles.fromZip(files.toZip(), "upload");
        assertThat(back.contentHash()).isEqualTo(files.contentHash());
        assertThat(loader.load(back).valid()).isTrue();

        files.writeTo(dir.resolve("tiny"));
        assertThat(BundleFiles.fromDirectory(dir.resolve("tiny")).contentHash()).isEqualTo(files.contentHash());

        assertThatThrownBy(() -> BundleFiles.fromZip("not a zip".getBytes(StandardCharsets.UTF_8), "upload"))
                .isInstanceOf(BundleException.class);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("../../etc/domain.json"));
            zip.write(DOMAIN.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertThatThrownBy(() -> BundleFiles.fromZip(bytes.toByteArray(), "upload"))
                .isInstanceOf(BundleException.class).hasMessageContaining("sub-directories");
        assertThat(Files.exists(dir.resolve("etc"))).isFalse();
    }
}
