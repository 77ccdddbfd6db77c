package io.payrail.ingest.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope a {@code /v1} endpoint needs. {@link ScopeInterceptor} checks it before the handler
 * runs (so before a body is read), and refuses an endpoint that declares none: a new endpoint is
 * closed until someone decides who may call it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresScope {
  Scope value();
}
