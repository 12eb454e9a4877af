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

    private enum Format { SAFETENSORS, NPZ, NPY }

    /**
     * Fails unless the name ends in a known format: call it before a long run, so a typo costs nothing.
     *
     * @param file the output file
     * @throws TailsException if its extension is not .safetensors, .npz or .npy
     */
    public static void checkFormat(Path file) {
        format(file);
    }

    private static Format format(Path file) {
        String name = file.getFileName().toString();
        for (Format f : Format.values()) {
            if (name.endsWith("." + f.name().toLowerCase(java.util.Locale.ROOT))) {
                return f;
            }
        }
        throw new TailsException(file + ": unknown output format, the name must end in .safetensors, .npz or .npy");
    }

    /**
     * Writes the cache's tensors ({@code s{i}.<hook name>}, one per text and hook) to a file.
     *
     * @param cache the captured activations
     * @param file the output file; its extension picks the format
     * @throws TailsException if the format is unknown, a .npy would need more than one array, or the write fails
     */
    public static void write(ActivationCache cache, Path file) {
        Map<String, FloatTensor> tensors = cache.tensors();
        switch (format(file)) {
            case SAFETENSORS -> {
                SafetensorsWriter writer = new SafetensorsWriter().putMetadata("layout", "s{i}.<hook name>, DESIGN.md §4 shapes, no padding");
                tensors.forEach(writer::putF32);
                writer.write(file);
            }
            case NPZ -> NpyWriter.writeNpz(file, tensors);
            case NPY -> {
                if (tensors.size() != 1) {
                    throw new TailsException(file + ": a .npy file holds one array, the cache has " + tensors.size()
                            + " (one per text and hook); write .npz or .safetensors instead");
                }
                NpyWriter.writeNpy(file, tensors.values().iterator().next());
            }
        }
    }
}
