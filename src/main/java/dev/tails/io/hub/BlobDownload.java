package dev.tails.io.hub;

import dev.tails.Progress;
import dev.tails.TailsException;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Downloads one blob while its caller holds the blob's lock: the bytes go to {@code blobs/ETAG.incomplete}
 * while their hash is computed, and only a file whose size and hash match the etag is renamed to
 * {@code blobs/ETAG}. A broken connection keeps the {@code .incomplete} file, which the next run
 * resumes with a Range request as huggingface_hub does; a wrong hash keeps nothing.
 */
final class BlobDownload {
    private static final int READ_BACK_BUFFER = 1 << 20;

    private final HubHttp http;
    private final HubTimings timings;
    private final Progress progress;

    BlobDownload(HubHttp http, HubTimings timings, Progress progress) {
        this.http = http;
        this.timings = timings;
        this.progress = progress;
    }

    void run(FileMetadata meta, Path incomplete, Path blob, HubFile what) {
        ContentDigest digest = ContentDigest.forEtag(meta.etag(), meta.size());
        try {
            Files.createDirectories(blob.getParent());
            try (FileChannel out = FileChannel.open(incomplete, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                Receiver receiver = new Receiver(out, digest, meta.size(), what);
                receiver.resume();
                DownloadProgress shown = new DownloadProgress(progress, what.path(), meta.size(), timings.progressEvery(),
                        System::nanoTime);
                shown.start(receiver.written);
                transfer(meta, receiver, incomplete, shown, what);
                shown.finish(receiver.written);
            }
        } catch (HubUnreachableException | HubStatusException e) {
            throw e;  // the bytes so far are good: the next run resumes them
        } catch (TailsException e) {
            deleteQuietly(incomplete);  // the server broke a rule: its bytes cannot be trusted
            throw e;
        } catch (IOException e) {
            throw new TailsException(what + ": cannot write " + incomplete + ": " + e.getMessage(), e);
        }
        String actual = digest.actual();
        if (!digest.matches(actual)) {
            deleteQuietly(incomplete);
            throw new TailsException(what + ": " + digest.kind() + " mismatch: expected " + meta.etag() + " (the Hub's etag),"
                    + " got " + actual + "; the download was corrupted and is not kept: run again");
        }
        try {
            Files.move(incomplete, blob, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new TailsException(what + ": cannot move " + incomplete + " to " + blob + ": " + e.getMessage(), e);
        }
    }

    /** Fetches what the .incomplete file lacks; one restart from 0 when the server refuses the range. */
    private void transfer(FileMetadata meta, Receiver receiver, Path incomplete, DownloadProgress shown, HubFile what)
            throws IOException {
        for (int tries = 0; receiver.written < meta.size(); tries++) {
            Map<String, String> range = receiver.written > 0 ? Map.of("Range", "bytes=" + receiver.written + "-") : Map.of();
            try {
                http.get(meta.location(), range, what, receiver::open, () -> shown.update(receiver.written));
            } catch (HubStatusException e) {
                if (e.status() != 416 || tries > 0) {
                    throw e;
                }
                receiver.restart();
                continue;
            } catch (HubUnreachableException e) {
                throw new HubUnreachableException(what + ": the download stopped at " + DownloadProgress.bytes(receiver.written)
                        + " of " + DownloadProgress.bytes(meta.size()) + "; run again to resume it from " + incomplete
                        + " (" + e.getMessage() + ")", e);
            }
            if (receiver.written < meta.size()) {
                throw new HubUnreachableException(what + ": the server ended the file at " + receiver.written + " of "
                        + meta.size() + " bytes; run again to resume it from " + incomplete, null);
            }
        }
    }

    /** Writes the body into the .incomplete file and the digest, never past the announced size. */
    private static final class Receiver implements BodySink {
        private final FileChannel out;
        private final ContentDigest digest;
        private final long size;
        private final HubFile what;
        volatile long written;

        Receiver(FileChannel out, ContentDigest digest, long size, HubFile what) {
            this.out = out;
            this.digest = digest;
            this.size = size;
            this.what = what;
        }

        /** Takes over what an interrupted download left: its bytes count and are hashed again. */
        void resume() throws IOException {
            long have = out.size();
            if (have > size) {
                restart();
                return;
            }
            ByteBuffer buffer = ByteBuffer.allocate(READ_BACK_BUFFER);
            long at = 0;
            while (at < have) {
                buffer.clear();
                int n = out.read(buffer, at);
                if (n < 0) {
                    throw new IOException("file shrank while it was read back");
                }
                digest.update(buffer.array(), n);
                at += n;
            }
            out.position(have);
            written = have;
        }

        void restart() throws IOException {
            out.truncate(0);
            out.position(0);
            digest.reset();
            written = 0;
        }

        /** Checks the answer before the first byte: a 200 to a Range request is the whole file again. */
        BodySink open(HttpResponse.ResponseInfo info) throws IOException {
            if (info.statusCode() == 200 && written > 0) {
                restart();
            } else if (info.statusCode() == 206) {
                String range = info.headers().firstValue("Content-Range").orElse("");
                if (!range.startsWith("bytes " + written + "-")) {
                    throw new TailsException(what + ": asked for bytes from " + written + ", the server sent '" + range + "'");
                }
            } else if (info.statusCode() != 200) {
                throw new TailsException(what + ": unexpected HTTP " + info.statusCode() + " for a download");
            }
            return this;
        }

        @Override
        public void accept(ByteBuffer chunk) throws IOException {
            if (written + chunk.remaining() > size) {
                throw new TailsException(what + ": the server sent more than the " + size + " bytes the Hub announced");
            }
            digest.update(chunk);
            long n = chunk.remaining();
            while (chunk.hasRemaining()) {
                out.write(chunk);
            }
            written += n;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the mismatch is what the caller needs to hear about
        }
    }
}
