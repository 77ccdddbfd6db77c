package io.payrail.launcher.pipeline;

/** HTTP ports of the five services; 0 lets the operating system choose. */
public record ServicePorts(
    int orderIngest,
    int riskStreams,
    int paymentProcessor,
    int refundProcessor,
    int loyaltyStreams) {

  /** The documented ports of a local run. */
  public static ServicePorts defaults() {
    return new ServicePorts(8080, 8082, 8083, 8084, 8085);
  }
}
