package io.payrail.payment.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy between the application's datasource and the database, so that a test can take the
 * database away for real (connections reset, new ones refused) and bring it back.
 */
public final class DatabaseProxy implements AutoCloseable {

  private static final int BUFFER_BYTES = 16 * 1024;

  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final AtomicBoolean up = new AtomicBoolean(true);
  private final AtomicInteger refused = new AtomicInteger();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  private DatabaseProxy(ServerSocket server, String targetHost, int targetPort) {
    this.server = server;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  public static DatabaseProxy start(String targetHost, int targetPort) {
    try {
      ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      DatabaseProxy proxy = new DatabaseProxy(server, targetHost, targetPort);
      daemon("db-proxy-accept", proxy::acceptLoop).start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Resets every open connection and refuses new ones until {@link #restore()}. */
  public void cut() {
    up.set(false);
    open.forEach(DatabaseProxy::closeQuietly);
    open.clear();
  }

  public void restore() {
    up.set(true);
  }

  /** Connections refused while cut: proof that the application tried and failed. */
  public int refusedConnections() {
    return refused.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (!up.get()) {
          refused.incrementAndGet();
          closeQuietly(client);
          continue;
        }
        Socket database = new Socket(targetHost, targetPort);
        open.add(client);
        open.add(database);
        daemon("db-proxy-up", () -> pump(client, database)).start();
        daemon("db-proxy-down", () -> pump(database, client)).start();
      } catch (IOException e) {
        if (!server.isClosed()) {
          refused.incrementAndGet();
        }
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[BUFFER_BYTES];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // The other side went away or the proxy was cut: close both ends below.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is best effort: the socket is gone either way.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    cut();
  }
}
