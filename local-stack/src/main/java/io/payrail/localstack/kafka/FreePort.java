package io.payrail.localstack.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks a free TCP port on the loopback interface for servers that need their port up front. */
public final class FreePort {

  private FreePort() {}

  /** The port itself when positive, otherwise a currently free ephemeral port. */
  public static int orEphemeral(int port) {
    if (port > 0) {
      return port;
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback interface", e);
    }
  }
}
