package dev.tails;

import dev.tails.model.Batch;
import dev.tails.model.Model;

import java.util.List;

/** The models and texts the hook tests run on; tiny-bert loaded once per test JVM. */
public final class TinyModels {
    public static final List<String> TEXTS = List.of("The bank raised its rates again this year.", "a",
            "Hello <pad> world, café 😀", "我爱自然语言处理。");
    private static Model tinyBert;

    private TinyModels() {
    }

    public static synchronized Model tinyBert() {
        if (tinyBert == null) {
            tinyBert = Model.load(TestFiles.resource("models/tiny-bert"));
        }
        return tinyBert;
    }

    /** All {@link #TEXTS} in one padded batch. */
    public static Batch batch(Model model) {
        return model.batch(TEXTS, false);
    }
}
