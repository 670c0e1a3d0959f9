package io.appstoreetl.curation.rows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.appstoreetl.curation.parse.RejectedLine;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns one landed page of {@code GET /v1/apps/{id}/customerReviews} into {@code reviews} rows.
 *
 * <p>Each element of {@code data} of type {@code customerReviews} is one row; its position in
 * {@code data} (from 1) serves as its line number in rejects. {@code createdDate} is ISO-8601 with
 * a UTC offset: it is stored converted to UTC in {@code created_at}, with the offset as written in
 * {@code created_utc_offset}, and its UTC date is the metric date. A developer response is taken
 * from {@code included} when the page has one for the review. Attributes this table does not define
 * are kept in {@code extra_columns} as JSON text.
 */
final class ReviewPages {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TableDefinition TABLE = Tables.REVIEWS;
  private static final String REVIEW_TYPE = "customerReviews";
  private static final String RESPONSE_TYPE = "customerReviewResponses";
  private static final Set<String> KNOWN_ATTRIBUTES =
      Set.of("rating", "title", "body", "reviewerNickname", "createdDate", "territory");

  private ReviewPages() {}

  /**
   * Returns the rows and rejects of the page {@code json}, leaving out reviews of dates the unit
   * does not win.
   *
   * @throws JsonProcessingException if the page is not JSON
   */
  static List<ParseOutcome> parse(FileTask task, String json, FileStats stats)
      throws JsonProcessingException {
    JsonNode page = JSON.readTree(json);
    JsonNode data = page == null ? null : page.get("data");
    if (data == null || !data.isArray()) {
      throw new IllegalArgumentException("no \"data\" array (expected a JSON:API page of reviews)");
    }
    Map<String, JsonNode> responsesById = new HashMap<>();
    Map<String, JsonNode> responsesByReview = new HashMap<>();
    for (JsonNode included : page.path("included")) {
      if (RESPONSE_TYPE.equals(included.path("type").asText())) {
        responsesById.put(included.path("id").asText(), included);
        String reviewId =
            included.path("relationships").path("review").path("data").path("id").asText(null);
        if (reviewId != null) {
          responsesByReview.put(reviewId, included);
        }
      }
    }

    Set<String> unknown = new TreeSet<>();
    List<ParseOutcome> outcomes = new ArrayList<>();
    int position = 0;
    for (JsonNode review : data) {
      position++;
      if (!REVIEW_TYPE.equals(review.path("type").asText())) {
        continue;
      }
      ParseOutcome outcome =
          row(task, review, position, responsesById, responsesByReview, unknown, stats);
      if (outcome != null) {
        outcomes.add(outcome);
      }
    }
    stats.unknownColumns(new ArrayList<>(unknown));

    return outcomes;
  }

  private static ParseOutcome row(
      FileTask task,
      JsonNode review,
      int position,
      Map<String, JsonNode> responsesById,
      Map<String, JsonNode> responsesByReview,
      Set<String> unknown,
      FileStats stats) {
    String id = text(review.get("id"));
    JsonNode attributes = review.path("attributes");
    if (id == null) {
      return reject(task, review, position, null, "Invalid review: no id");
    }
    String createdText = text(attributes.get("createdDate"));
    if (createdText == null) {
      return reject(task, review, position, null, "Invalid createdDate: missing");
    }
    OffsetDateTime created;
    try {
      created = OffsetDateTime.parse(createdText);
    } catch (DateTimeParseException e) {
      return reject(
          task,
          review,
          position,
          null,
          "Invalid createdDate: " + createdText + " (expected ISO-8601 with a UTC offset)");
    }
    LocalDateTime createdUtc = created.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    LocalDate metricDate = createdUtc.toLocalDate();
    if (!task.wonDates().contains(metricDate)) {
      return null;
    }
    JsonNode rating = attributes.get("rating");
    if (rating != null && !rating.isNull() && !rating.canConvertToInt()) {
      return reject(
          task, review, position, metricDate, "Invalid rating: " + rating + " (expected 1 to 5)");
    }

    Object[] values = new Object[TABLE.columns().size()];
    set(values, "app_apple_id", task.unit().appId());
    set(values, "metric_date", metricDate);
    set(values, "review_id", id);
    set(values, "rating", rating == null || rating.isNull() ? null : rating.intValue());
    set(values, "title", text(attributes.get("title")));
    set(values, "body", text(attributes.get("body")));
    set(values, "reviewer_nickname", text(attributes.get("reviewerNickname")));
    set(values, "created_at", createdUtc);
    set(values, "created_utc_offset", created.getOffset().getId());
    String territory = text(attributes.get("territory"));
    set(values, "territory", territory);
    set(values, "territory_code", stats.territoryCode(territory));
    fillResponse(values, review, id, responsesById, responsesByReview);
    set(values, "fetched_date", task.unit().fetchedDate());
    set(values, "landed_at", LocalDateTime.ofInstant(task.unit().landedAt(), ZoneOffset.UTC));
    set(values, "source_file", task.sourceFile());
    set(values, "loaded_at", task.loadedAt());

    Map<String, String> extra = new LinkedHashMap<>();
    for (Iterator<String> names = attributes.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KNOWN_ATTRIBUTES.contains(name)) {
        JsonNode value = attributes.get(name);
        extra.put(name, value.isTextual() ? value.textValue() : value.toString());
        unknown.add(name);
      }
    }
    set(values, "extra_columns", extra);

    return ParseOutcome.row(TABLE.name(), task.sourceFile(), metricDate, values);
  }

  private static void fillResponse(
      Object[] values,
      JsonNode review,
      String reviewId,
      Map<String, JsonNode> responsesById,
      Map<String, JsonNode> responsesByReview) {
    String responseId = text(review.path("relationships").path("response").path("data").get("id"));
    JsonNode response =
        responseId != null ? responsesById.get(responseId) : responsesByReview.get(reviewId);
    if (response == null) {
      return;
    }

    JsonNode attributes = response.path("attributes");
    set(values, "response_id", text(response.get("id")));
    set(values, "response_body", text(attributes.get("responseBody")));
    String modified = text(attributes.get("lastModifiedDate"));
    if (modified != null) {
      try {
        set(
            values,
            "response_last_modified_at",
            OffsetDateTime.parse(modified).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
      } catch (DateTimeParseException e) {
        // The review itself is fine; an unreadable response time is left null.
        set(values, "response_last_modified_at", null);
      }
    }
    set(values, "response_state", text(attributes.get("state")));
  }

  private static ParseOutcome reject(
      FileTask task, JsonNode review, int position, LocalDate metricDate, String reason) {
    return ParseOutcome.rejected(
        TABLE.name(),
        new RejectedLine(task.sourceFile(), position, metricDate, reason, review.toString()));
  }

  private static void set(Object[] values, String column, Object value) {
    values[TABLE.indexOf(column)] = value;
  }

  private static String text(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    String text = node.isTextual() ? node.textValue() : node.toString();

    return text.isEmpty() ? null : text;
  }
}
