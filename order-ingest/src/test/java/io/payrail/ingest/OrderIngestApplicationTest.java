package io.payrail.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.localstack.testing.TestInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OrderIngestApplicationTest extends FacadeTestBase {

  @Autowired ApplicationContext context;

  @LocalManagementPort int managementPort;

  @Test
  void contextStartsAgainstTheSharedInfrastructure() {
    assertThat(context.getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
        .isEqualTo(TestInfrastructure.shared().bootstrapServers());
  }

  @Test
  void readinessIsUpOnceTheStatusViewRuns() {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              HttpResponse<String> ready =
                  IngestTestSupport.get(managementPort, "/actuator/health/readiness", null);
              assertThat(ready.statusCode()).isEqualTo(200);
              assertThat(ready.body()).contains("statusView").contains("RUNNING");
            });
    assertThat(
            IngestTestSupport.get(managementPort, "/actuator/health/liveness", null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void servesOpenApiOnThePublicPortAndPrometheusOnlyOnTheManagementPort() {
    HttpResponse<String> openApi = IngestTestSupport.get(port, "/v3/api-docs", null);
    assertThat(openApi.statusCode()).isEqualTo(200);
    assertThat(openApi.body())
        .contains("/v1/orders/{orderId}/refunds")
        .contains("/v1/customers/{customerId}/verification")
        .contains("/v1/customers/{customerId}");
    JsonNode paths = JsonMapper.builder().build().readTree(openApi.body()).get("paths");
    JsonNode reviews = paths.get("/v1/reviews").get("get");
    assertThat(reviews.get("parameters"))
        .extracting(parameter -> parameter.get("name").stringValue())
        .containsExactlyInAnyOrder("status", "limit", "cursor");
    assertThat(reviews.get("responses").has("200")).isTrue();
    assertThat(reviews.get("responses").has("403")).isTrue();
    JsonNode decide = paths.get("/v1/orders/{orderId}/review").get("post");
    assertThat(decide.get("requestBody").toString()).contains("ReviewRequest");
    assertThat(decide.get("responses").has("202")).isTrue();
    assertThat(decide.get("responses").has("409")).isTrue();
    assertThat(openApi.body()).contains("ReviewAnswer").contains("ReviewPage");
    JsonNode define = paths.get("/v1/coupons").get("post");
    assertThat(define.get("requestBody").toString()).contains("CouponRequest");
    assertThat(define.get("responses").has("201")).isTrue();
    assertThat(define.get("responses").has("409")).isTrue();
    JsonNode coupon = paths.get("/v1/coupons/{code}").get("get");
    assertThat(coupon.get("responses").has("404")).isTrue();
    JsonNode place = paths.get("/v1/orders").get("post");
    assertThat(place.get("requestBody").toString()).contains("OrderRequest");
    assertThat(place.get("responses").has("422")).isTrue();
    JsonNode schemas =
        JsonMapper.builder().build().readTree(openApi.body()).get("components").get("schemas");
    assertThat(schemas.get("OrderRequest").get("properties").has("coupon")).isTrue();
    JsonNode points = schemas.get("OrderRequest").get("properties").get("pointsToRedeem");
    assertThat(points.get("minimum").asLong()).isEqualTo(1);
    assertThat(points.get("description").stringValue()).contains("points-exceed-charge");
    assertThat(schemas.get("OrderAccepted").get("properties").has("pointsToRedeem")).isTrue();
    assertThat(place.get("responses").get("422").get("description").stringValue())
        .contains("points-exceed-charge");
    assertThat(schemas.get("OrderAccepted").get("properties").has("chargeMinor")).isTrue();
    assertThat(schemas.get("CouponAnswer").get("properties").has("createdAt")).isTrue();
    HttpResponse<String> metrics =
        IngestTestSupport.get(managementPort, "/actuator/prometheus", null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("payrail_ingest_publish_latency");
  }

  @Test
  void actuatorIsNotServedOnTheMerchantsPort() {
    assertThat(managementPort).isNotEqualTo(port);
    for (String path :
        new String[] {
          "/actuator/prometheus",
          "/actuator/metrics",
          "/actuator/health",
          "/actuator/health/readiness"
        }) {
      assertThat(IngestTestSupport.get(port, path, null).statusCode()).as(path).isIn(401, 404);
      assertThat(IngestTestSupport.get(port, path, IngestTestSupport.DEV_KEY).statusCode())
          .as(path + " with a merchant key")
          .isEqualTo(404);
    }
  }
}
