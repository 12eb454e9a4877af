package dev.tails.model;

import java.util.List;

/** The top candidates for the mask at token index {@code position}, most likely first. */
public record MaskPredictions(int position, List<MaskFill> fills) {
}
