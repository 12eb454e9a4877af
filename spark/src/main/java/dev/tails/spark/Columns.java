package dev.tails.spark;

import dev.tails.TailsException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A job's output: every input column kept (ids, labels), its own columns appended, as Spark NLP's annotators do. */
final class Columns {
    private Columns() {
    }

    /** The input's schema and the added columns; an added name the input already has is refused. */
    static StructType append(StructType input, List<StructField> added) {
        List<StructField> fields = new ArrayList<>(Arrays.asList(input.fields()));
        for (StructField field : added) {
            if (Arrays.asList(input.fieldNames()).contains(field.name())) {
                throw new TailsException("the input already has a column '" + field.name()
                        + "', which the job writes: rename or drop it first");
            }
            fields.add(field);
        }
        return DataTypes.createStructType(fields);
    }

    /** The input row's values, then the added ones. */
    static Row append(Row row, Object... added) {
        Object[] values = new Object[row.length() + added.length];
        for (int i = 0; i < row.length(); i++) {
            values[i] = row.get(i);
        }
        System.arraycopy(added, 0, values, row.length(), added.length);
        return RowFactory.create(values);
    }
}
