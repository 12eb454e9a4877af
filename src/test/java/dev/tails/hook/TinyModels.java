package dev.tails.hook;

import dev.tails.TestFiles;
import dev.tails.model.Batch;
import dev.tails.model.Model;

import java.util.List;

/** The models and texts the hook tests run on; tiny-bert loaded once per test JVM. */
final class TinyModels {
    static final List<String> TEXTS = List.of("The bank raised its rates again this year.", "a",
            "Hello <pad> world, café 😀", "我爱自然语言处理。");
    private static Model tinyBert;

    private TinyModels() {
    }

    static synchronized Model tinyBert() {
        if (tinyBert == null) {
            tinyBert = Model.load(TestFiles.resource("models/tiny-bert"));
        }
        return tinyBert;
    }

    /** All {@link #TEXTS} in one padded batch. */
    static Batch batch(Model model) {
        return model.batch(TEXTS, false);
    }
}
