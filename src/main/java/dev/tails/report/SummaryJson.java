package dev.tails.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.tails.analysis.StudyResult;

/** summary.json: the command that ran and the study's result records as Jackson writes them (one list per layer in each group). */
@JsonPropertyOrder({"command"})
public record SummaryJson(String command, @JsonUnwrapped StudyResult study) {

    public static SummaryJson of(StudyResult result, String command) {
        return new SummaryJson(command, result);
    }
}
