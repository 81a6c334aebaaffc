package org.bert4rec.train.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bert4rec.train.eval.ProjectFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictStageTest {

    @Test
    void readsStandardInputAndPrintsJsonLines(@TempDir Path root) throws IOException {
        ProjectFixture f = new ProjectFixture(root, 5);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PredictStage.Summary s = PredictStage.run(f.layout, new PredictStage.Settings(null, null, null,
                        ChainFormat.AUTO, 2, false, true, 4),
                ProjectFixture.loader(), new BufferedReader(new StringReader(
                        "{\"id\": \"new\", \"items\": [\"m30\", \"m40\", \"m999\"]}\n[\"zzz\"]\n")),
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(new PredictStage.Summary(2, 1, 2), s);
        String[] lines = out.toString().split("\n");
        assertTrue(lines[0].startsWith("{\"id\":\"new\",\"next_items\":[\"m50\",\"m10\"]"), lines[0]);
        assertTrue(lines[0].contains("\"unknown_items\":[\"m999\"],\"embedding\":["), lines[0]);
        assertTrue(lines[1].contains("\"next_items\":[\"m10\",\"m20\"],\"scores\":[null,null],"
                + "\"popular_fallback\":true"), lines[1]);
        assertTrue(err.toString().contains("warning: chain new: 1 item(s) unknown to the vocabulary, dropped: m999"),
                err.toString());
    }

    @Test
    void writesACsvFileFromACsvFile(@TempDir Path root) throws IOException {
        ProjectFixture f = new ProjectFixture(root, 5);
        Path in = root.resolve("chains.csv");
        Files.writeString(in, "id,items\nu1,m10 m20\n");
        Path outFile = root.resolve("out/preds.csv");
        PredictStage.run(f.layout, new PredictStage.Settings(ProjectFixture.MODEL, in, outFile, ChainFormat.AUTO, 1,
                        false, false, 4), ProjectFixture.loader(), new BufferedReader(new StringReader("")),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        List<String> lines = Files.readAllLines(outFile);
        assertEquals("id,next_items,scores,popular_fallback,unknown_items", lines.get(0));
        assertTrue(lines.get(1).startsWith("u1,m30,9.997,false,"), lines.get(1));
    }
}
