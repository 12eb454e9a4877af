package dev.tails.io.hub;

import dev.tails.Progress;
import dev.tails.TailsException;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Run in a child JVM by the tests: takes the blob lock at args[0], waiting at most args[1] ms.
 * Prints "locked" and exits 0, or prints the refusal and exits 3.
 */
public final class HubLockMain {
    private HubLockMain() {
    }

    public static void main(String[] args) {
        HubFile what = new HubFile(RepoId.parse("tails-test/lock"), "model.safetensors");
        try (BlobLock _ = BlobLock.acquire(Path.of(args[0]), Duration.ofMillis(Long.parseLong(args[1])), Progress.SILENT, what)) {
            System.out.println("locked");
        } catch (TailsException e) {
            System.out.println(e.getMessage());
            System.exit(3);
        }
    }
}
