package dev.tails.io.hub;

import dev.tails.Progress;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every stage line and fraction it is told, for tests to read. */
final class RecordingProgress implements Progress {
    final List<String> stages = new CopyOnWriteArrayList<>();
    final List<Double> fractions = new CopyOnWriteArrayList<>();

    @Override
    public void stage(String message) {
        stages.add(message);
    }

    @Override
    public void fraction(double done) {
        fractions.add(done);
    }
}
