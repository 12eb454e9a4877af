package dev.tails.tokenize;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * HF's ByteLevel decoder: each token's characters back to the bytes they stand for, the bytes read
 * as UTF-8 (invalid sequences become U+FFFD). A token with a character outside the byte alphabet
 * (an added token such as a literal emoji) contributes its own UTF-8, as in HF.
 */
final class ByteLevelDecoder implements Decoder {

    @Override
    public String decode(List<String> tokens) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String token : tokens) {
            byte[] own = ByteLevel.bytesOf(token);
            bytes.writeBytes(own != null ? own : token.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
