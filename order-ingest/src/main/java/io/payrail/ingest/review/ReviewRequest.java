package io.payrail.ingest.review;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /v1/orders/{orderId}/review}, for the OpenAPI document: the controller
 * reads the body field by field ({@code JsonFields}), so every mistake is named at once.
 */
@Schema(name = "ReviewRequest")
record ReviewRequest(
    @Schema(
            requiredMode = Schema.RequiredMode.REQUIRED,
            allowableValues = {"APPROVE", "REJECT"})
        String decision,
    @Schema(
            requiredMode = Schema.RequiredMode.REQUIRED,
            description = "Who decides: the merchant's reviewer id (id characters, up to 64)",
            example = "reviewer-7")
        String reviewer,
    @Schema(description = "Optional note, up to 500 printable characters; never a card number")
        String note) {}
