package dev.tails.model;

/**
 * One candidate for a mask, as one entry of transformers' fill-mask output: its probability
 * (score), id (token), the token decoded alone (token_str) and the text with it filled in (sequence).
 *
 * @param score the candidate's softmax probability at the mask
 * @param token the candidate's token id
 * @param tokenStr the candidate decoded alone
 * @param sequence the input text with the candidate in the mask's place
 */
public record MaskFill(double score, int token, String tokenStr, String sequence) {
}
