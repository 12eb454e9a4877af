package dev.tails.spark;

import dev.tails.TailsException;
import org.apache.spark.sql.Row;

import java.util.Iterator;

/** The texts of a one-column partition; a null text is refused by the column's name. */
final class TextColumn implements Iterator<String> {
    private final Iterator<Row> rows;
    private final String column;

    TextColumn(Iterator<Row> rows, String column) {
        this.rows = rows;
        this.column = column;
    }

    @Override
    public boolean hasNext() {
        return rows.hasNext();
    }

    @Override
    public String next() {
        String text = rows.next().getString(0);
        if (text == null) {
            throw new TailsException("text column '" + column + "' holds a null text");
        }
        return text;
    }
}
