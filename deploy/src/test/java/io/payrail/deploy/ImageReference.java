package io.payrail.deploy;

/** An image reference as written in a compose file, a manifest or a Dockerfile FROM line. */
record ImageReference(String reference) {

  /** Pinned: a digest, or a tag that is not "latest". An untagged image means "latest". */
  boolean isPinned() {
    if (reference.contains("@sha256:")) {
      return true;
    }
    int lastSlash = reference.lastIndexOf('/');
    int colon = reference.lastIndexOf(':');
    if (colon < lastSlash + 1) {
      return false;
    }
    String tag = reference.substring(colon + 1);
    return !tag.isBlank() && !tag.equals("latest") && !tag.contains("$");
  }
}
