package dev.tails.io.hub;

import dev.tails.TailsException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * huggingface_hub's cache layout, exactly, so Python and tails read each other's downloads:
 * <pre>
 * ROOT/models--ORG--NAME/blobs/ETAG                    file contents, named by etag (sha256 or git sha1)
 * ROOT/models--ORG--NAME/blobs/ETAG.incomplete         a download under way (resumed by the next one)
 * ROOT/models--ORG--NAME/snapshots/COMMIT/FILE         relative symlink ../../blobs/ETAG (one more ../ per subfolder)
 * ROOT/models--ORG--NAME/refs/REVISION                 the commit hash, no newline
 * ROOT/.locks/models--ORG--NAME/ETAG.lock              held while the blob is written
 * </pre>
 */
final class HubCache {
    private final Path root;

    HubCache(Path root) {
        this.root = root;
    }

    Path repo(RepoId repo) {
        return root.resolve(repo.folderName());
    }

    Path blob(RepoId repo, String etag) {
        return repo(repo).resolve("blobs").resolve(etag);
    }

    Path incomplete(RepoId repo, String etag) {
        return repo(repo).resolve("blobs").resolve(etag + ".incomplete");
    }

    Path lock(RepoId repo, String etag) {
        return root.resolve(".locks").resolve(repo.folderName()).resolve(etag + ".lock");
    }

    Path snapshot(RepoId repo, String commit) {
        return repo(repo).resolve("snapshots").resolve(commit);
    }

    /** The snapshot's entry for a file (checked by {@link RepoFileName}); a '/' in it is a subfolder. */
    Path pointer(RepoId repo, String commit, String file) {
        return snapshot(repo, commit).resolve(file);
    }

    /** Records which commit the revision names, unless it is one already (huggingface_hub writes no ref then). */
    void writeRef(RepoId repo, String commit) {
        if (repo.revision().equals(commit) || readRef(repo).filter(commit::equals).isPresent()) {
            return;
        }
        Path ref = ref(repo);
        try {
            Files.createDirectories(ref.getParent());
            // written beside and renamed, so a reader in another process never sees half a hash
            Path tmp = Files.createTempFile(ref.getParent(), "." + ref.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, commit, StandardCharsets.US_ASCII);
                Files.move(tmp, ref, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new TailsException(repo + ": cannot write " + ref + ": " + e.getMessage(), e);
        }
    }

    /**
     * The snapshot folder of the repo's revision if the cache has it: a commit-hash revision names
     * its folder, a branch or tag goes through refs/ (what huggingface_hub does without the network).
     */
    Optional<Path> cachedSnapshot(RepoId repo) {
        Optional<String> commit = repo.atCommit() ? Optional.of(repo.revision()) : readRef(repo);
        return commit.map(c -> snapshot(repo, c)).filter(Files::isDirectory);
    }

    private Optional<String> readRef(RepoId repo) {
        Path ref = ref(repo);
        if (!Files.isRegularFile(ref)) {
            return Optional.empty();
        }
        try {
            String commit = Files.readString(ref, StandardCharsets.US_ASCII).strip();
            return RepoId.isCommit(commit) ? Optional.of(commit) : Optional.empty();
        } catch (IOException e) {
            throw new TailsException(repo + ": cannot read " + ref + ": " + e.getMessage(), e);
        }
    }

    private Path ref(RepoId repo) {
        return repo(repo).resolve("refs").resolve(repo.revision());
    }

    /** Points the snapshot entry at the blob with a relative link, as huggingface_hub's _create_symlink does. */
    void link(Path pointer, Path blob, HubFile what) {
        Path target = pointer.getParent().relativize(blob);
        try {
            Files.createDirectories(pointer.getParent());
            Files.deleteIfExists(pointer);
            Files.createSymbolicLink(pointer, target);
        } catch (FileAlreadyExistsException e) {
            if (!sameFile(pointer, blob)) {
                throw new TailsException(what + ": " + pointer + " appeared meanwhile and is not a link to " + blob, e);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new TailsException(what + ": cannot link " + pointer + " -> " + target + " (" + e + "); the Hugging Face"
                    + " cache needs a file system with symbolic links", e);
        }
    }

    /** Another process linked the same entry between our delete and create: fine if it points at the same blob. */
    private static boolean sameFile(Path pointer, Path blob) {
        try {
            return Files.isSymbolicLink(pointer) && Files.isSameFile(pointer, blob);
        } catch (IOException e) {
            return false;
        }
    }
}
