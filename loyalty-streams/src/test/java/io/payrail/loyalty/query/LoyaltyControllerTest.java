package io.payrail.loyalty.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.payrail.loyalty.topology.LoyaltyFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The endpoint's routing decisions, with a fake of the routing seam. */
class LoyaltyControllerTest {

  private static final HostInfo OWNER = new HostInfo("10.0.0.7", 8085);

  private final FakeRouting routing = new FakeRouting();
  private final MockMvc mvc =
      MockMvcBuilders.standaloneSetup(
              new LoyaltyController(
                  routing,
                  new LocalBalances(
                      () -> {
                        throw new AssertionError("no local read expected");
                      },
                      "unused"),
                  LoyaltyFixtures.program(),
                  new LoyaltyQueryProperties(
                      Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(1))))
          .build();

  @Test
  void balanceOwnedElsewhereIsForwardedOnceAndPassedOn() throws Exception {
    routing.route = new KeyRouting.Route.Remote(OWNER);
    routing.answer =
        new KeyRouting.Forwarded(
            200,
            Map.of("Content-Type", "application/json"),
            "{\"customerId\":\"c 1\",\"points\":7}".getBytes(StandardCharsets.UTF_8));

    mvc.perform(get("/v1/customers/{id}/loyalty", "c 1"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.points").value(7));
    assertThat(routing.forwarded).containsExactly(OWNER + " /v1/customers/c%201/loyalty");
  }

  @Test
  void forwardedRequestForAKeyOwnedElsewhereIsNotForwardedAgain() throws Exception {
    routing.route = new KeyRouting.Route.Remote(OWNER);

    mvc.perform(
            get("/v1/customers/{id}/loyalty", "c-1")
                .header(KeyRouting.FORWARDED_HEADER, "10.0.0.8:8085"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    assertThat(routing.forwarded).isEmpty();
  }

  @Test
  void rebalancingStoreAnswersServiceUnavailableProblem() throws Exception {
    routing.route = new KeyRouting.Route.Unavailable("streams are REBALANCING");

    mvc.perform(get("/v1/customers/{id}/loyalty", "c-1"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(503))
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("REBALANCING")));
  }

  @Test
  void unreachableOwnerAnswersServiceUnavailableProblem() throws Exception {
    routing.route = new KeyRouting.Route.Remote(OWNER);
    routing.answer = null;

    mvc.perform(get("/v1/customers/{id}/loyalty", "c-1"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    assertThat(routing.forwarded).hasSize(1);
  }

  private static final class FakeRouting implements KeyRouting {
    Route route;
    Forwarded answer;
    final List<String> forwarded = new ArrayList<>();

    @Override
    public Route route(String customerId) {
      return route;
    }

    @Override
    public Forwarded forward(HostInfo owner, String pathAndQuery) {
      forwarded.add(owner + " " + pathAndQuery);
      if (answer == null) {
        throw new ForwardingException("connection refused", null);
      }
      return answer;
    }
  }
}
