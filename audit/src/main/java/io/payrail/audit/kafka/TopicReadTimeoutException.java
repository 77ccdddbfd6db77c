package io.payrail.audit.kafka;

/** A topic could not be read to its end in time: an audit of part of it would mislead. */
public final class TopicReadTimeoutException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public TopicReadTimeoutException(String message) {
    super(message);
  }
}
