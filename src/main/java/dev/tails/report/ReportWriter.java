package dev.tails.report;

import dev.tails.TailsException;
import dev.tails.analysis.StudyResult;
import dev.tails.eval.EvalResult;
import dev.tails.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a report folder: index.html and summary.json of a study, and the evaluations section of
 * index.html from the results in eval/ (refreshed by each `tails eval`, before or after the study).
 */
public final class ReportWriter {
    private static final String INDEX = "index.html";

    private ReportWriter() {
    }

    public static Path write(StudyResult result, String command, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(INDEX), withEvaluations(HtmlReport.render(result, command), dir));
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("summary.json").toFile(),
                    SummaryJson.of(result, command));
            return dir.resolve(INDEX);
        } catch (IOException e) {
            throw new TailsException(dir + ": cannot write the report: " + e.getMessage(), e);
        }
    }

    /**
     * Writes one evaluation's result as eval/NAME.json (NAME = its file name) and re-renders the evaluations
     * section of index.html; without a study yet, index.html holds only that section until `tails analyze` runs.
     */
    public static Path addEvaluation(Path dir, EvalResult result) {
        Path index = dir.resolve(INDEX);
        try {
            Files.createDirectories(dir.resolve("eval"));
            EvalResult.write(result, dir.resolve("eval").resolve(result.fileName() + ".json"));
            String page = Files.exists(index) ? Files.readString(index)
                    : Html.head("tails: " + dir.getFileName()) + EvaluationSection.START + EvaluationSection.END + "</body></html>\n";
            Files.writeString(index, withEvaluations(page, dir));
            return index;
        } catch (IOException e) {
            throw new TailsException(dir + ": cannot add the evaluation results to the report: " + e.getMessage(), e);
        }
    }

    private static String withEvaluations(String page, Path dir) {
        int start = page.indexOf(EvaluationSection.START);
        int end = page.indexOf(EvaluationSection.END);
        if (start < 0 || end < start) {
            throw new TailsException(dir.resolve(INDEX) + ": has no evaluations section to fill (not written by tails?)");
        }
        return page.substring(0, start) + EvaluationSection.render(dir) + page.substring(end + EvaluationSection.END.length());
    }
}
