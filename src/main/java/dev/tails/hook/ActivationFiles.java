package dev.tails.hook;

import dev.tails.TailsException;
import dev.tails.io.NpyWriter;
import dev.tails.io.SafetensorsWriter;
import dev.tails.tensor.FloatTensor;

import java.nio.file.Path;
import java.util.Map;

/** Saves an {@link ActivationCache} in the format its file name asks for: .safetensors, .npz or .npy. */
public final class ActivationFiles {
    private ActivationFiles() {
    }

    public static void write(ActivationCache cache, Path file) {
        Map<String, FloatTensor> tensors = cache.tensors();
        String name = file.getFileName().toString();
        if (name.endsWith(".safetensors")) {
            SafetensorsWriter writer = new SafetensorsWriter().putMetadata("layout", "s{i}.<hook name>, DESIGN.md §4 shapes, no padding");
            tensors.forEach(writer::putF32);
            writer.write(file);
        } else if (name.endsWith(".npz")) {
            NpyWriter.writeNpz(file, tensors);
        } else if (name.endsWith(".npy")) {
            if (tensors.size() != 1) {
                throw new TailsException(file + ": a .npy file holds one array, the cache has " + tensors.size()
                        + " (one per text and hook); write .npz or .safetensors instead");
            }
            NpyWriter.writeNpy(file, tensors.values().iterator().next());
        } else {
            throw new TailsException(file + ": unknown output format, the name must end in .safetensors, .npz or .npy");
        }
    }
}
