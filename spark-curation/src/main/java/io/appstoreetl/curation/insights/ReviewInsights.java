package io.appstoreetl.curation.insights;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import io.appstoreetl.curation.load.IcebergTables;
import io.appstoreetl.curation.load.SparkSchemas;
import io.appstoreetl.tables.Column;
import io.appstoreetl.tables.Tables;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings {@code review_insights} in step with {@code reviews}: one row per review with its
 * language, sentiment and topic.
 *
 * <p>A run detects the language and scores the sentiment of the reviews that are new or whose title
 * or body changed (their {@code content_hash}), and gives a topic to those and to every row that an
 * older topic model scored. It trains a topic model on the English reviews when none is saved yet
 * or when asked to retrain, and otherwise loads the newest saved one, so a topic id keeps its
 * meaning from run to run. Rows whose review left {@code reviews} are deleted. The changes go into
 * the table in one commit that rewrites only the metric dates they touch, and a run with no change
 * commits nothing.
 */
public final class ReviewInsights {
  private static final Logger LOG = LoggerFactory.getLogger(ReviewInsights.class);

  public static final String SENTIMENT_MODEL = ReviewSentiment.MODEL + "+" + ReviewLanguages.MODEL;

  private final SparkSession spark;
  private final IcebergTables tables;
  private final TopicModelStore models;
  private final boolean retrain;
  private final int topics;
  private final LocalDateTime loadedAt;

  /** The outcome of a run: rows written and deleted, and the topic model in force. */
  public record Result(long rowsWritten, long rowsDeleted, String modelVersion, boolean trained) {

    static Result unchanged(String modelVersion) {
      return new Result(0, 0, modelVersion, false);
    }

    public boolean changed() {
      return rowsWritten > 0 || rowsDeleted > 0;
    }
  }

  /**
   * @param retrain train a new model version even when one is saved
   * @param topics the number of topics of a newly trained model
   */
  public ReviewInsights(
      IcebergTables tables,
      TopicModelStore models,
      boolean retrain,
      int topics,
      LocalDateTime loadedAt) {
    this.spark = tables.spark();
    this.tables = tables;
    this.models = models;
    this.retrain = retrain;
    this.topics = topics;
    this.loadedAt = loadedAt;
  }

  /**
   * Updates the table and returns what changed.
   *
   * @throws IOException if the model folder cannot be read or written
   */
  public Result update() throws IOException {
    Optional<String> latest = models.latestVersion();
    boolean noReviews = tables.icebergTable(Tables.REVIEWS).currentSnapshot() == null;
    boolean noInsights = tables.icebergTable(Tables.REVIEW_INSIGHTS).currentSnapshot() == null;
    if (noReviews && noInsights) {
      return Result.unchanged(latest.orElse(null));
    }

    Dataset<Row> current = currentReviews();
    Dataset<Row> existing =
        spark
            .table(tables.qualifiedName(Tables.REVIEW_INSIGHTS))
            .select(
                col("review_id").as("old_review_id"),
                col("content_hash").as("old_content_hash"),
                col("language").as("old_language"),
                col("sentiment_score").as("old_sentiment_score"),
                col("sentiment_label").as("old_sentiment_label"),
                col("topic_model_version").as("old_topic_model_version"));

    Dataset<Row> joined =
        current.join(
            existing,
            current
                .col("review_id")
                .equalTo(existing.col("old_review_id"))
                .and(current.col("content_hash").equalTo(existing.col("old_content_hash"))),
            "left");
    Dataset<Row> fresh =
        scoreSentiment(
                joined.where(col("old_review_id").isNull()).select(columns(current.columns())))
            .withColumn("old_topic_model_version", lit(null).cast(DataTypes.StringType))
            .withColumn("fresh", lit(true));
    Dataset<Row> kept =
        joined
            .where(col("old_review_id").isNotNull())
            .withColumn("language", col("old_language"))
            .withColumn("sentiment_score", col("old_sentiment_score"))
            .withColumn("sentiment_label", col("old_sentiment_label"))
            .withColumn("fresh", lit(false))
            .select(columns(fresh.columns()));
    Dataset<Row> all = fresh.unionByName(kept).persist(StorageLevel.MEMORY_AND_DISK());
    long written;
    long deleted;
    Result result;
    List<Row> toWrite = null;
    List<String> toRemove = List.of();
    try {
      ModelChoice choice = chooseModel(all, latest);
      Optional<TopicModel> model = choice.model();
      String version = model.map(TopicModel::version).orElse(null);
      Dataset<Row> due =
          all.where(
              col("fresh")
                  .or(col("old_topic_model_version").eqNullSafe(lit(version)).unary_$bang()));
      Dataset<Row> existingIds =
          spark.table(tables.qualifiedName(Tables.REVIEW_INSIGHTS)).select("review_id");
      List<String> removed =
          existingIds
              .join(
                  current,
                  existingIds.col("review_id").equalTo(current.col("review_id")),
                  "left_anti")
              .collectAsList()
              .stream()
              .map(row -> row.getString(0))
              .sorted()
              .toList();
      List<Row> updates = withTopics(due, model, version).collectAsList();
      written = updates.size();
      deleted = removed.size();
      result = new Result(written, deleted, version, choice.trained());
      if (written > 0 || deleted > 0) {
        // NOTE: the changed rows, and the other rows of their dates, go through the driver, so
        // one run's changes must fit in driver memory.
        toWrite = updates;
        toRemove = removed;
      }
    } finally {
      all.unpersist(true /* block */);
    }

    if (toWrite != null) {
      rewriteDates(toWrite, toRemove);
    }
    if (deleted > 0) {
      LOG.info("Deleted {} rows of review_insights whose review is gone", deleted);
    }

    return result;
  }

  /** Returns the reviews with their scored text and its hash. */
  private Dataset<Row> currentReviews() {
    UserDefinedFunction text =
        udf((UDF2<String, String, String>) ReviewText::of, DataTypes.StringType);
    UserDefinedFunction hash = udf((UDF1<String, String>) ReviewText::hash, DataTypes.StringType);

    return spark
        .table(tables.qualifiedName(Tables.REVIEWS))
        .select(
            col("app_apple_id"),
            col("metric_date"),
            col("review_id"),
            col("territory"),
            col("territory_code"),
            text.apply(col("title"), col("body")).as(TopicModel.TEXT_COLUMN),
            col("landed_at").as("review_landed_at"),
            col("source_file"))
        .withColumn("content_hash", hash.apply(col(TopicModel.TEXT_COLUMN)));
  }

  /** Adds language, sentiment_score and sentiment_label, scoring English text only. */
  static Dataset<Row> scoreSentiment(Dataset<Row> reviews) {
    StructType schema =
        reviews
            .schema()
            .add("language", DataTypes.StringType)
            .add("sentiment_score", DataTypes.DoubleType)
            .add("sentiment_label", DataTypes.StringType);
    int textIndex = reviews.schema().fieldIndex(TopicModel.TEXT_COLUMN);

    MapPartitionsFunction<Row, Row> score =
        rows -> {
          List<Row> out = new ArrayList<>();
          while (rows.hasNext()) {
            Row row = rows.next();
            String text = row.getString(textIndex);
            String language = ReviewLanguages.detect(text);
            Double value = null;
            String label = null;
            if (ReviewLanguages.ENGLISH.equals(language)) {
              value = ReviewSentiment.score(text);
              label = ReviewSentiment.label(value);
            }
            Object[] values = new Object[row.size() + 3];
            for (int i = 0; i < row.size(); i++) {
              values[i] = row.get(i);
            }
            values[row.size()] = language;
            values[row.size() + 1] = value;
            values[row.size() + 2] = label;
            out.add(RowFactory.create(values));
          }
          Iterator<Row> iterator = out.iterator();
          return iterator;
        };

    return reviews.mapPartitions(score, Encoders.row(schema));
  }

  /**
   * Returns the model to assign topics with: the newest saved one, or a new one trained on the
   * English reviews when there is none or {@code --retrain} is given.
   */
  private ModelChoice chooseModel(Dataset<Row> reviews, Optional<String> latest)
      throws IOException {
    if (latest.isPresent() && !retrain) {
      LOG.info("Using topic model {} from {}", latest.get(), models.root());
      return new ModelChoice(Optional.of(models.load(latest.get())), false);
    }

    Dataset<Row> english = reviews.where(col("language").equalTo(ReviewLanguages.ENGLISH));
    String version = models.nextVersion();
    Optional<TopicModel> trained = TopicModel.train(english, topics, version);
    if (trained.isEmpty()) {
      LOG.warn(
          "Cannot train a topic model: no English review has a word that occurs in two reviews;"
              + " keeping {}",
          latest.orElse("no model"));
      return new ModelChoice(latest.map(models::load), false);
    }

    long trainingReviews = english.count();
    models.save(trained.get(), trainingReviews);
    LOG.info(
        "Trained topic model {} on {} English reviews: {} topics, saved under {}",
        version,
        trainingReviews,
        trained.get().topicCount(),
        models.root());
    return new ModelChoice(trained, true);
  }

  private static org.apache.spark.sql.Column[] columns(String[] names) {
    return Arrays.stream(names).map(name -> col(name)).toArray(org.apache.spark.sql.Column[]::new);
  }

  private record ModelChoice(Optional<TopicModel> model, boolean trained) {}

  /** Returns the due rows with their topics, as rows of the table. */
  private Dataset<Row> withTopics(Dataset<Row> due, Optional<TopicModel> model, String version) {
    Dataset<Row> withTopics;
    if (model.isPresent()) {
      Dataset<Row> english = due.where(col("language").equalTo(ReviewLanguages.ENGLISH));
      Dataset<Row> others =
          due.where(col("language").isNull().or(col("language").notEqual(ReviewLanguages.ENGLISH)))
              .withColumn("topic_id", lit(null).cast(DataTypes.IntegerType))
              .withColumn(
                  "topic_terms", lit(null).cast(DataTypes.createArrayType(DataTypes.StringType)));
      withTopics = model.get().assign(english).unionByName(others);
    } else {
      withTopics =
          due.withColumn("topic_id", lit(null).cast(DataTypes.IntegerType))
              .withColumn(
                  "topic_terms", lit(null).cast(DataTypes.createArrayType(DataTypes.StringType)));
    }

    List<org.apache.spark.sql.Column> columns = new ArrayList<>();
    for (Column column : Tables.REVIEW_INSIGHTS.columns()) {
      org.apache.spark.sql.Column value =
          switch (column.name()) {
            case "topic_model_version" -> lit(version).cast(DataTypes.StringType);
            case "sentiment_model" -> lit(SENTIMENT_MODEL);
            case "loaded_at" -> lit(loadedAt);
            default -> col(column.name());
          };
      columns.add(value.cast(SparkSchemas.dataType(column.type())).as(column.name()));
    }

    return withTopics.select(columns.toArray(org.apache.spark.sql.Column[]::new));
  }

  /**
   * Rewrites the metric dates that the updated and the removed reviews belong to, in one commit:
   * each date gets its other rows unchanged, plus the updated rows.
   */
  private void rewriteDates(List<Row> updates, List<String> removed) {
    StructType schema = SparkSchemas.schema(Tables.REVIEW_INSIGHTS);
    int idIndex = schema.fieldIndex("review_id");
    int dateIndex = schema.fieldIndex("metric_date");
    List<Row> replacedIds = new ArrayList<>();
    SortedSet<LocalDate> dates = new TreeSet<>();
    for (Row row : updates) {
      replacedIds.add(RowFactory.create(row.getString(idIndex)));
      dates.add(toLocalDate(row.get(dateIndex)));
    }
    removed.forEach(id -> replacedIds.add(RowFactory.create(id)));
    Dataset<Row> ids =
        spark.createDataFrame(
            replacedIds, new StructType().add("replaced_review_id", DataTypes.StringType));

    Dataset<Row> existing = spark.table(tables.qualifiedName(Tables.REVIEW_INSIGHTS));
    for (Row row :
        existing
            .join(
                ids, existing.col("review_id").equalTo(ids.col("replaced_review_id")), "left_semi")
            .select("metric_date")
            .distinct()
            .collectAsList()) {
      dates.add(toLocalDate(row.get(0)));
    }
    List<Row> content =
        new ArrayList<>(
            existing
                .where(functions.expr(IcebergTables.dateIn("metric_date", dates)))
                .join(
                    ids,
                    existing.col("review_id").equalTo(ids.col("replaced_review_id")),
                    "left_anti")
                .collectAsList());
    content.addAll(updates);

    tables.overwriteDates(
        Tables.REVIEW_INSIGHTS, spark.createDataFrame(content, schema), "metric_date", dates);
    LOG.info("Rewrote {} rows of review_insights in {} metric dates", content.size(), dates.size());
  }

  private static LocalDate toLocalDate(Object value) {
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate();
    }

    return (LocalDate) value;
  }
}
