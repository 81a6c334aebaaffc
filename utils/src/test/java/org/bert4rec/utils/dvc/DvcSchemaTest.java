package org.bert4rec.utils.dvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every dvc.yaml the project ships or generates validates against DVC's own JSON schema. */
class DvcSchemaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static JsonSchema schema;

    @TempDir
    Path root;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = DvcSchemaTest.class.getResourceAsStream("/dvc/dvc-yaml.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("bert4rec.root", "..")).toAbsolutePath().normalize();
    }

    static void assertValid(String yaml, String what) throws IOException {
        JsonNode node = YAML.readTree(yaml);
        Set<ValidationMessage> errors = schema.validate(node);
        assertTrue(errors.isEmpty(), what + " breaks the dvc.yaml schema: " + errors);
    }

    @Test
    void theSchemaCopyIsTheSharedOne() throws IOException {
        Path shared = Path.of(System.getProperty("bert4rec.shared", "../../shared"), "specs", "dvc-yaml.schema.json");
        Assumptions.assumeTrue(Files.isRegularFile(shared), "../shared/specs is absent: nothing to compare with");
        try (InputStream in = DvcSchemaTest.class.getResourceAsStream("/dvc/dvc-yaml.schema.json")) {
            assertEquals(new ObjectMapper().readTree(Files.readString(shared)), new ObjectMapper().readTree(in));
        }
    }

    @Test
    void theSchemaRejectsWhatDvcRejects() throws IOException {
        JsonNode noCmd = YAML.readTree("stages:\n  a:\n    deps: [x]\n");
        assertFalse(schema.validate(noCmd).isEmpty(), "a stage without cmd");
        JsonNode badFlag = YAML.readTree("stages:\n  a:\n    cmd: x\n    outs:\n      - o:\n          persistt: true\n");
        assertFalse(schema.validate(badFlag).isEmpty(), "an unknown output flag");
    }

    @Test
    void shippedFilesValidate() throws IOException {
        for (String f : new String[] {"dvc.yaml", "config/dvc_simple.yaml"}) {
            Path p = repoRoot().resolve(f);
            assertTrue(Files.isRegularFile(p), p + " is shipped");
            assertValid(Files.readString(p), f);
        }
    }

    @Test
    void everyGeneratedPipelineValidates() throws IOException {
        String template = Files.readString(repoRoot().resolve("config/dvc_template.yaml"));
        for (String task : DvcVariables.TRAINING_TASKS) {
            for (boolean emb : new boolean[] {true, false}) {
                for (boolean items : new boolean[] {true, false}) {
                    DvcVariables v = new DvcVariables("ml-1m", "final_model", task, emb, items);
                    DvcPipeline p = DvcTemplate.render(template, v, root, "template");
                    assertValid(DvcTemplate.dvcYaml(p, v), "dvc.yaml for " + v);
                }
            }
        }
    }
}
