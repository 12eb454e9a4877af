package dev.tails;

/** What a long job (a fetch, a pass over a corpus, a study) tells its user while it runs. */
public interface Progress {
    /**
     * A new stage begins (or a warning worth a line of its own).
     *
     * @param message what the stage does, one line
     */
    void stage(String message);

    /**
     * How far the current stage is, when it can tell. A job that runs several passes in one stage
     * starts each again from 0: a fraction below the last one begins a new pass.
     *
     * @param done the share done, 0..1
     */
    void fraction(double done);

    /**
     * Work finished since the last call, so a user can be shown a rate: a pass over a corpus reports
     * each batch's texts and tokens here, before its {@link #fraction}. Jobs that count nothing else
     * never call it; the default ignores it.
     *
     * @param texts texts just finished
     * @param tokens their tokens (special tokens included), or 0 when not known
     */
    default void advance(long texts, long tokens) {
    }

    /** Tells nobody anything (tests, library callers that want no output). */
    Progress SILENT = new Progress() {
        @Override
        public void stage(String message) {
        }

        @Override
        public void fraction(double done) {
        }
    };

    /**
     * Part {@code index} of {@code parts} equal parts of a job: its fractions map into [index/parts, (index+1)/parts].
     *
     * @param whole the job's progress
     * @param index which part, from 0
     * @param parts how many parts
     * @return the progress of that part
     */
    static Progress part(Progress whole, int index, int parts) {
        return new Progress() {
            @Override
            public void stage(String message) {
                whole.stage(message);
            }

            @Override
            public void fraction(double done) {
                whole.fraction((index + done) / parts);
            }

            @Override
            public void advance(long texts, long tokens) {
                whole.advance(texts, tokens);
            }
        };
    }
}
