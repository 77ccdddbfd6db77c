package io.payrail.ingest.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem details document.
 *
 * @param errors the invalid fields, present only for validation problems
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    URI type, String title, int status, String detail, String instance, List<FieldError> errors) {}
