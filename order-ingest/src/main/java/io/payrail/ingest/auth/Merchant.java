package io.payrail.ingest.auth;

/** The merchant an API key belongs to; the only source of a request's merchantId. */
public record Merchant(String id) {}
