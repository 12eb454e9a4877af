package dev.tails.model;

import java.util.List;

/**
 * The top candidates for one mask of a text, most likely first.
 *
 * @param position the mask's token index in the encoding
 * @param fills the candidates, most likely first
 */
public record MaskPredictions(int position, List<MaskFill> fills) {
}
