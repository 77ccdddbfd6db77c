package io.payrail.loyalty.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpServer;
import io.payrail.loyalty.rules.CustomerLoyalty;
import io.payrail.loyalty.topology.LoyaltyFixtures;
import io.payrail.routing.KeyOwner;
import io.payrail.routing.LocalStoreReader;
import io.payrail.routing.RequestForwarder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.state.HostInfo;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The endpoint's routing decisions with the shared routing's forwarder over real HTTP, an owner
 * played by a small HTTP server, and the owner lookup given by each test.
 */
class LoyaltyControllerTest {

  private static final HostInfo SELF = new HostInfo("127.0.0.1", 8085);

  private final List<String> forwarded = new CopyOnWriteArrayList<>();
  private HttpServer owner;
  private KeyOwner route;

  private final MockMvc mvc =
      MockMvcBuilders.standaloneSetup(
              new LoyaltyController(
                  customerId -> route,
                  new LocalStoreReader<String, CustomerLoyalty>(
                      () -> {
                        throw new AssertionError("no local read expected");
                      },
                      "unused"),
                  new RequestForwarder(
                      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build(),
                      SELF,
                      Set.of("content-type", "retry-after")),
                  LoyaltyFixtures.program(),
                  new LoyaltyQueryProperties(
                      Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(1))))
          .build();

  @AfterEach
  void stopOwner() {
    if (owner != null) {
      owner.stop(0);
    }
  }

  @Test
  void balanceOwnedElsewhereIsForwardedOnceAndPassedOn() throws Exception {
    route = new KeyOwner.Remote(startOwner("{\"customerId\":\"c 1\",\"points\":7}"), 3);

    mvc.perform(get("/v1/customers/{id}/loyalty", "c 1"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.points").value(7));
    assertThat(forwarded).containsExactly("/v1/customers/c%201/loyalty from 127.0.0.1:8085");
  }

  @Test
  void forwardedRequestForAKeyOwnedElsewhereIsNotForwardedAgain() throws Exception {
    route = new KeyOwner.Remote(startOwner("{}"), 3);

    mvc.perform(
            get("/v1/customers/{id}/loyalty", "c-1")
                .header(RequestForwarder.FORWARDED_HEADER, "10.0.0.8:8085"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    assertThat(forwarded).isEmpty();
  }

  @Test
  void rebalancingStoreAnswersServiceUnavailableProblem() throws Exception {
    route = new KeyOwner.Unavailable("streams are REBALANCING");

    mvc.perform(get("/v1/customers/{id}/loyalty", "c-1"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(503))
        .andExpect(jsonPath("$.detail").value(Matchers.containsString("REBALANCING")));
  }

  @Test
  void unreachableOwnerAnswersServiceUnavailableProblem() throws Exception {
    route = new KeyOwner.Remote(new HostInfo("127.0.0.1", closedPort()), 3);

    mvc.perform(get("/v1/customers/{id}/loyalty", "c-1"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value(Matchers.containsString("did not answer")));
  }

  /** An owner that answers every balance with {@code body} and notes what it was asked. */
  private HostInfo startOwner(String body) throws IOException {
    owner = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    owner.createContext(
        "/",
        exchange -> {
          forwarded.add(
              exchange.getRequestURI().getRawPath()
                  + " from "
                  + exchange.getRequestHeaders().getFirst(RequestForwarder.FORWARDED_HEADER));
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    owner.start();
    return new HostInfo("127.0.0.1", owner.getAddress().getPort());
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
