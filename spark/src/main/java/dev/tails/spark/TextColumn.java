package dev.tails.spark;

import dev.tails.TailsException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.Iterator;

/** The texts of one column of a partition's rows; a missing or non-string column, or a null text, is refused by the column's name. */
final class TextColumn implements Iterator<String> {
    private final Iterator<Row> rows;
    private final int index;
    private final String column;

    TextColumn(Iterator<Row> rows, int index, String column) {
        this.rows = rows;
        this.index = index;
        this.column = column;
    }

    /** Where the column is in the schema; checked on the driver. */
    static int index(StructType schema, String column) {
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new TailsException("text column '" + column + "' is not among the input's columns "
                    + Arrays.toString(schema.fieldNames()));
        }
        int index = schema.fieldIndex(column);
        if (!DataTypes.StringType.equals(schema.fields()[index].dataType())) {
            throw new TailsException("text column '" + column + "' holds " + schema.fields()[index].dataType().simpleString()
                    + ", not strings");
        }
        return index;
    }

    static String text(Row row, int index, String column) {
        String text = row.getString(index);
        if (text == null) {
            throw new TailsException("text column '" + column + "' holds a null text");
        }
        return text;
    }

    @Override
    public boolean hasNext() {
        return rows.hasNext();
    }

    @Override
    public String next() {
        return text(rows.next(), index, column);
    }
}
