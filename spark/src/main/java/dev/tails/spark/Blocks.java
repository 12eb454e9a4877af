package dev.tails.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A partition's rows in blocks: each block of up to {@code size} inputs is mapped at once (tokenized,
 * run in batches sorted by length) and its outputs handed out before the next block is read, so a
 * task holds one block's results however large its partition.
 */
final class Blocks<T, R> implements Iterator<R> {
    private final Iterator<T> input;
    private final int size;
    private final Function<List<T>, List<R>> map;
    private Iterator<R> current = Collections.emptyIterator();

    Blocks(Iterator<T> input, int size, Function<List<T>, List<R>> map) {
        this.input = input;
        this.size = size;
        this.map = map;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext() && input.hasNext()) {
            List<T> block = new ArrayList<>(size);
            while (input.hasNext() && block.size() < size) {
                block.add(input.next());
            }
            current = map.apply(block).iterator();
        }
        return current.hasNext();
    }

    @Override
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}
