package io.appstoreetl.sandbox.reviews;

import java.time.OffsetDateTime;

/**
 * A customer review as the API returns it.
 *
 * @param id review id
 * @param appId Apple ID of the reviewed app
 * @param rating 1 to 5
 * @param title the reviewer's title
 * @param body the reviewer's text, which may contain line breaks, quotes and emoji
 * @param reviewerNickname the reviewer's nickname
 * @param createdDate when the review was written, with Apple's Pacific Time offset
 * @param territory ISO 3166-1 alpha-3 code of the storefront
 */
public record Review(
    String id,
    String appId,
    int rating,
    String title,
    String body,
    String reviewerNickname,
    OffsetDateTime createdDate,
    String territory) {

  Review withBody(String newBody) {
    return new Review(id, appId, rating, title, newBody, reviewerNickname, createdDate, territory);
  }
}
