package io.payrail.launcher.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection that sends {@code POST}s and reads their status, and nothing
 * else: the load generator's client. The JDK's {@code HttpClient} (an asynchronous exchange per
 * call) cost the load generator a large share of what the facade itself spent, on the same cores
 * (figures in launcher/README.md); this costs a few microseconds a request, as {@code wrk} would.
 * Answers are read whole (by {@code Content-Length} or chunks) and dropped.
 */
final class PostConnection implements AutoCloseable {

  private static final int TIMEOUT_MILLIS = 30_000;

  private final InetSocketAddress address;
  private final byte[] head;
  private Socket socket;
  private OutputStream out;
  private InputStream in;

  /**
   * @param url where to POST
   * @param headers extra header lines, each ending in CRLF (Authorization, Content-Type)
   */
  PostConnection(URI url, String headers) {
    this.address = new InetSocketAddress(url.getHost(), url.getPort());
    this.head =
        ("POST "
                + url.getRawPath()
                + " HTTP/1.1\r\nHost: "
                + url.getHost()
                + ":"
                + url.getPort()
                + "\r\n"
                + headers)
            .getBytes(StandardCharsets.US_ASCII);
  }

  /** Sends one POST and returns the answer's status; reconnects first when needed. */
  int post(byte[] body) throws IOException {
    if (socket == null) {
      connect();
    }
    try {
      out.write(head);
      out.write(
          ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      return readAnswer();
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(TIMEOUT_MILLIS);
    socket.connect(address, TIMEOUT_MILLIS);
    out = new BufferedOutputStream(socket.getOutputStream(), 2_048);
    in = new BufferedInputStream(socket.getInputStream(), 8_192);
  }

  private int readAnswer() throws IOException {
    String statusLine = line();
    if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
      throw new IOException("not an HTTP/1.1 answer: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long length = 0;
    boolean chunked = false;
    boolean closing = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        closing = true;
      }
    }
    if (chunked) {
      for (long size = chunkSize(); size > 0; size = chunkSize()) {
        skip(size);
        line();
      }
      // Trailers, up to the empty line.
      while (!line().isEmpty()) {
        // dropped
      }
    } else {
      skip(length);
    }
    if (closing) {
      close();
    }
    return status;
  }

  private long chunkSize() throws IOException {
    String line = line();
    int extension = line.indexOf(';');
    return Long.parseLong((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
  }

  private void skip(long bytes) throws IOException {
    for (long left = bytes; left > 0; ) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new EOFException("answer ended early");
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }

  /** One line without its CRLF. */
  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("connection closed mid-answer");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // Closing a broken connection: nothing left to do.
      }
      socket = null;
    }
  }
}
