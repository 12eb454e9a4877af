package dev.tails.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.tails.analysis.StudyResult;

import java.util.List;

/**
 * summary.json: the command that ran, the study's result records as Jackson writes them (one list per layer in
 * each group), and what the outlier-ablation papers state, with their sources, beside the masked-LM numbers.
 */
@JsonPropertyOrder({"command"})
public record SummaryJson(String command, @JsonUnwrapped StudyResult study, List<PaperClaims.Quote> papers) {

    public static SummaryJson of(StudyResult result, String command) {
        return new SummaryJson(command, result, PaperClaims.OUTLIER_ABLATION);
    }
}
