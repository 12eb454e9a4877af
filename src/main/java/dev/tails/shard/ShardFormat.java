package dev.tails.shard;

import dev.tails.io.NpzWriter;
import dev.tails.io.SafetensorsWriter;
import dev.tails.io.TensorFileWriter;

import java.util.Map;

/** The file format of each part of a sharded output; both hold the same tensors under the same names. */
public enum ShardFormat {
    /** safetensors, with the index's model, job and layout also in each file's metadata. */
    SAFETENSORS(".safetensors"),
    /** NumPy's npz (numpy.load gives a dict of arrays); it has no metadata, index.json describes it. */
    NPZ(".npz");

    private final String extension;

    ShardFormat(String extension) {
        this.extension = extension;
    }

    /** @return the part files' extension, with its dot */
    public String extension() {
        return extension;
    }

    TensorFileWriter writer(Map<String, String> metadata) {
        return switch (this) {
            case SAFETENSORS -> {
                SafetensorsWriter writer = new SafetensorsWriter();
                metadata.forEach(writer::putMetadata);
                yield writer;
            }
            case NPZ -> new NpzWriter();
        };
    }
}
