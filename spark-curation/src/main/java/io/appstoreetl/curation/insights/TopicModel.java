package io.appstoreetl.curation.insights;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.StopWordsRemover;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * A fitted topic model for English review text: Spark MLlib's tokenizer, stop-word remover,
 * vocabulary counts and TF-IDF weights, then k-means with cosine distance on the weights. A topic
 * is a k-means cluster, and its id is the cluster's index.
 *
 * <p>Training sorts the reviews by id into one partition and fixes the seed ({@value #SEED}), so
 * the same reviews give the same model whatever order they were read in. A review whose text has no
 * word of the vocabulary gets no topic: k-means with cosine distance cannot place an empty vector.
 */
public final class TopicModel {

  public static final long SEED = 12345L;

  /** Words kept per topic in {@code topic_terms}. */
  public static final int TOP_TERMS = 5;

  /** Number of topics used when {@code --review-topics} is not given. */
  public static final int DEFAULT_TOPICS = 10;

  // A larger vocabulary adds rare words that name no theme.
  private static final int VOCABULARY_SIZE = 5000;
  // A word must occur in at least two reviews, so a typo does not become a topic term.
  private static final double MIN_DOCUMENT_FREQUENCY = 2;
  private static final int MAX_ITERATIONS = 50;
  private static final int MIN_TOKEN_LENGTH = 3;

  /** Words that occur in reviews of any theme, added to Spark's English stop words. */
  private static final List<String> REVIEW_STOP_WORDS =
      List.of(
          "app",
          "apps",
          "application",
          "game",
          "games",
          "please",
          "just",
          "really",
          "get",
          "got",
          "even",
          "also",
          "use",
          "using",
          "used",
          "would",
          "could",
          "one",
          "thing",
          "things",
          "make",
          "makes",
          "every",
          "time",
          "times",
          "still",
          "much",
          "lot",
          "way");

  static final String TEXT_COLUMN = "text";
  private static final String TOKENS = "topic_tokens";
  private static final String WORDS = "topic_words";
  private static final String COUNTS = "topic_counts";
  private static final String FEATURES = "topic_features";
  private static final String TERMS_TOPIC = "terms_topic_id";

  private final String version;
  private final PipelineModel features;
  private final KMeansModel kmeans;
  private final Map<Integer, List<String>> terms;

  TopicModel(String version, PipelineModel features, KMeansModel kmeans) {
    this.version = version;
    this.features = features;
    this.kmeans = kmeans;
    this.terms = topTerms(features, kmeans);
  }

  /**
   * Fits a model on the {@code text} column of {@code reviews}, ordered by {@code review_id}; empty
   * when no review has a word left after stop words are removed, or none occurs in two reviews.
   *
   * @param topics the number of k-means clusters; fewer come out when there are fewer distinct
   *     reviews
   */
  public static Optional<TopicModel> train(Dataset<Row> reviews, int topics, String version) {
    if (topics < 2) {
      throw new IllegalArgumentException(
          "Invalid number of topics: " + topics + " (expected 2 or more)");
    }
    Dataset<Row> sorted = reviews.select("review_id", TEXT_COLUMN).orderBy("review_id").coalesce(1);
    if (sorted.isEmpty()) {
      return Optional.empty();
    }

    PipelineModel features = featurePipeline().fit(sorted);
    if (vocabulary(features).length == 0) {
      return Optional.empty();
    }
    Dataset<Row> vectors = features.transform(sorted).where(nonEmpty().apply(col(FEATURES)));
    if (vectors.isEmpty()) {
      return Optional.empty();
    }
    KMeansModel kmeans =
        new KMeans()
            .setK(topics)
            .setSeed(SEED)
            .setMaxIter(MAX_ITERATIONS)
            .setDistanceMeasure("cosine")
            .setFeaturesCol(FEATURES)
            .setPredictionCol("topic_prediction")
            .fit(vectors);

    return Optional.of(new TopicModel(version, features, kmeans));
  }

  /** Reads a model that {@link #save} wrote. */
  static TopicModel load(String path, String version) {
    return new TopicModel(
        version, PipelineModel.load(path + "/features"), KMeansModel.load(path + "/kmeans"));
  }

  /** Writes the model's two parts under {@code path}, replacing what is there. */
  void save(String path) throws IOException {
    features.write().overwrite().save(path + "/features");
    kmeans.write().overwrite().save(path + "/kmeans");
  }

  public String version() {
    return version;
  }

  /** Number of topics: the clusters k-means found. */
  public int topicCount() {
    return kmeans.clusterCenters().length;
  }

  /** The top terms of each topic, heaviest first. */
  public Map<Integer, List<String>> terms() {
    return terms;
  }

  /**
   * Returns {@code rows} with {@code topic_id} (int) and {@code topic_terms} (array of string)
   * added, both null for a row whose text has no word of the vocabulary.
   */
  public Dataset<Row> assign(Dataset<Row> rows) {
    KMeansModel clusters = kmeans;
    UserDefinedFunction topicOf =
        udf(
            (UDF1<Vector, Integer>)
                vector -> vector.numNonzeros() == 0 ? null : clusters.predict(vector),
            DataTypes.IntegerType);
    Dataset<Row> withTopic =
        features
            .transform(rows)
            .withColumn("topic_id", topicOf.apply(col(FEATURES)))
            .drop(TOKENS, WORDS, COUNTS, FEATURES);

    Dataset<Row> topicTerms = termsFrame(rows.sparkSession());
    return withTopic
        .join(
            broadcast(topicTerms),
            withTopic.col("topic_id").equalTo(topicTerms.col(TERMS_TOPIC)),
            "left")
        .drop(TERMS_TOPIC);
  }

  private Dataset<Row> termsFrame(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    terms.forEach(
        (topic, words) ->
            rows.add(
                RowFactory.create(
                    topic, JavaConverters.asScalaBufferConverter(words).asScala().toSeq())));
    StructType schema =
        new StructType()
            .add(TERMS_TOPIC, DataTypes.IntegerType, false)
            .add("topic_terms", DataTypes.createArrayType(DataTypes.StringType), false);

    return spark.createDataFrame(rows, schema);
  }

  private static Pipeline featurePipeline() {
    RegexTokenizer tokenizer =
        new RegexTokenizer()
            .setInputCol(TEXT_COLUMN)
            .setOutputCol(TOKENS)
            // Splits on anything but letters, so numbers and punctuation are dropped.
            .setPattern("[^\\p{L}]+")
            .setMinTokenLength(MIN_TOKEN_LENGTH)
            .setToLowercase(true);
    List<String> stopWords =
        new ArrayList<>(List.of(StopWordsRemover.loadDefaultStopWords("english")));
    stopWords.addAll(REVIEW_STOP_WORDS);
    StopWordsRemover remover =
        new StopWordsRemover()
            .setInputCol(TOKENS)
            .setOutputCol(WORDS)
            .setStopWords(stopWords.toArray(String[]::new))
            .setLocale("en_US");
    CountVectorizer counts =
        new CountVectorizer()
            .setInputCol(WORDS)
            .setOutputCol(COUNTS)
            .setVocabSize(VOCABULARY_SIZE)
            .setMinDF(MIN_DOCUMENT_FREQUENCY);
    IDF idf = new IDF().setInputCol(COUNTS).setOutputCol(FEATURES);

    return new Pipeline().setStages(new PipelineStage[] {tokenizer, remover, counts, idf});
  }

  private static UserDefinedFunction nonEmpty() {
    return udf((UDF1<Vector, Boolean>) vector -> vector.numNonzeros() > 0, DataTypes.BooleanType);
  }

  /** Returns each cluster's heaviest vocabulary words, ties broken by the word. */
  private static String[] vocabulary(PipelineModel features) {
    for (var stage : features.stages()) {
      if (stage instanceof CountVectorizerModel model) {
        return model.vocabulary();
      }
    }

    throw new IllegalStateException("[BUG] Topic model features have no CountVectorizerModel");
  }

  private static Map<Integer, List<String>> topTerms(PipelineModel features, KMeansModel kmeans) {
    String[] words = vocabulary(features);
    Map<Integer, List<String>> terms = new LinkedHashMap<>();
    Vector[] centers = kmeans.clusterCenters();
    for (int topic = 0; topic < centers.length; topic++) {
      double[] weights = centers[topic].toArray();
      List<String> top =
          IntStream.range(0, weights.length)
              .filter(i -> weights[i] > 0)
              .boxed()
              .sorted(
                  Comparator.<Integer>comparingDouble(i -> -weights[i])
                      .thenComparing(i -> words[i]))
              .limit(TOP_TERMS)
              .map(i -> words[i])
              .toList();
      terms.put(topic, top);
    }

    return terms;
  }
}
