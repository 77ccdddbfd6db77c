package io.payrail.ingest.problem;

/**
 * One invalid field of a request body.
 *
 * @param field JSON-pointer-like path of the field, e.g. {@code items[2].quantity}
 * @param message what is wrong with it, never echoing the submitted value
 */
public record FieldError(String field, String message) {}
