package dev.tails.model;

/**
 * One candidate for a mask, as one entry of transformers' fill-mask output: its probability
 * (score), id (token), the token decoded alone (token_str) and the text with it filled in (sequence).
 */
public record MaskFill(double score, int token, String tokenStr, String sequence) {
}
