package dev.tails.report;

import dev.tails.TailsException;
import dev.tails.analysis.StudyResult;
import dev.tails.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes index.html and summary.json of a study into one folder. */
public final class ReportWriter {
    private ReportWriter() {
    }

    public static Path write(StudyResult result, String command, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("index.html"), HtmlReport.render(result, command));
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("summary.json").toFile(),
                    SummaryJson.of(result, command));
            return dir.resolve("index.html");
        } catch (IOException e) {
            throw new TailsException(dir + ": cannot write the report: " + e.getMessage(), e);
        }
    }
}
