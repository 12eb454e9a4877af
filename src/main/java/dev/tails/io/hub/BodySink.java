package dev.tails.io.hub;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Takes a response body chunk by chunk as it arrives; throwing stops the transfer. */
interface BodySink {
    void accept(ByteBuffer chunk) throws IOException;
}
