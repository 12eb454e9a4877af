package dev.tails.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;

/** One local[2] session for every test class of the run (a session takes seconds to start). */
final class LocalSpark {
    /** tiny-bert of the main project's test resources (surefire runs in spark/). */
    static final String TINY_BERT = "../src/test/resources/models/tiny-bert";

    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("tails-spark-test")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }

    /** The texts in order as a one-column DataFrame ("value", as spark.read().text gives), cut into this many partitions. */
    static Dataset<Row> texts(List<String> texts, int partitions) {
        JavaRDD<String> rdd = JavaSparkContext.fromSparkContext(session().sparkContext()).parallelize(texts, partitions);
        return session().createDataset(rdd.rdd(), Encoders.STRING()).toDF();
    }
}
