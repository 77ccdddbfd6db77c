package io.payrail.payment.coupon;

import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.OrderKey;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * The coupons' use counters ({@code coupon_uses}) and the orders that took a use ({@code
 * coupon_redemptions}). Runs inside the caller's ledger transaction, so that a use is taken with
 * the PENDING row and given back with the final status, or neither. Each coupon's counter row is
 * locked ({@code SELECT ... FOR UPDATE}) before its uses are counted: instances and concurrent
 * chunks claiming one coupon take turns, and the counters are locked in one order (merchant, code)
 * so that two chunks never wait for each other's locks.
 */
@Repository
public class CouponUses {

  private static final String CREATE_COUNTER =
      """
      INSERT INTO coupon_uses (merchant_id, coupon_code, uses)
      VALUES (:merchantId, :couponCode, 0)
      ON DUPLICATE KEY UPDATE uses = uses
      """;

  private static final String LOCK_COUNTER =
      """
      SELECT uses FROM coupon_uses
       WHERE merchant_id = :merchantId AND coupon_code = :couponCode
         FOR UPDATE
      """;

  private static final String SET_USES =
      """
      UPDATE coupon_uses SET uses = :uses
       WHERE merchant_id = :merchantId AND coupon_code = :couponCode
      """;

  // Locking reads see the latest committed rows (not the transaction's snapshot), and lock them.
  // Only orders of the coupon's merchant are asked for (a coupon is a merchant's): the primary key
  // (merchant_id, order_id) serves the question.
  private static final String REDEEMED_ORDERS =
      """
      SELECT order_id FROM coupon_redemptions
       WHERE merchant_id = :merchantId AND order_id IN (:orderIds)
         FOR UPDATE
      """;

  private static final String CUSTOMER_USES =
      """
      SELECT customer_id FROM coupon_redemptions
       WHERE merchant_id = :merchantId AND coupon_code = :couponCode
         AND customer_id IN (:customerIds) AND status = 'TAKEN'
         FOR UPDATE
      """;

  private static final String INSERT_REDEMPTION =
      """
      INSERT INTO coupon_redemptions (order_id, merchant_id, coupon_code, customer_id, status,
                                      taken_at)
      VALUES (:orderId, :merchantId, :couponCode, :customerId, 'TAKEN', :takenAt)
      """;

  private static final String RETURN_REDEMPTION =
      """
      UPDATE coupon_redemptions SET status = 'RETURNED', returned_at = :returnedAt
       WHERE merchant_id = :merchantId AND order_id = :orderId AND status = 'TAKEN'
      """;

  private static final Comparator<Key> KEY_ORDER =
      Comparator.comparing(Key::merchantId).thenComparing(Key::couponCode);

  private final NamedParameterJdbcTemplate jdbc;

  public CouponUses(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Takes a use for each claim, in the claims' order, inside the caller's transaction. A claim is
   * refused with {@link ContractRules#COUPON_EXHAUSTED} when the coupon's uses (those committed and
   * those taken earlier in this call) reached maxUses, with {@link
   * ContractRules#COUPON_CUSTOMER_LIMIT} when the customer's did. An order that took its use
   * already (its redemption exists) takes none again and is not refused.
   */
  public Taken take(List<Claim> claims, Instant now) {
    Map<Key, List<Claim>> byCoupon = group(claims);
    List<OrderKey> taken = new ArrayList<>();
    Map<OrderKey, String> refused = new LinkedHashMap<>();
    for (Map.Entry<Key, List<Claim>> coupon : byCoupon.entrySet()) {
      Key key = coupon.getKey();
      List<Claim> claimed = coupon.getValue();
      jdbc.update(CREATE_COUNTER, key.parameters());
      Integer counted = jdbc.queryForObject(LOCK_COUNTER, key.parameters(), Integer.class);
      int uses = counted == null ? 0 : counted;
      Set<String> redeemed =
          new HashSet<>(
              jdbc.queryForList(
                  REDEEMED_ORDERS,
                  key.parameters()
                      .addValue("orderIds", claimed.stream().map(Claim::orderId).toList()),
                  String.class));
      Map<String, Integer> customerUses = customerUses(key, claimed);
      List<SqlParameterSource> redemptions = new ArrayList<>();
      for (Claim claim : claimed) {
        if (redeemed.contains(claim.orderId())) {
          continue;
        }
        int customer = customerUses.getOrDefault(claim.customerId(), 0);
        Integer maxUses = claim.coupon().maxUses();
        Integer perCustomer = claim.coupon().maxUsesPerCustomer();
        if (maxUses != null && uses >= maxUses) {
          refused.put(claim.key(), ContractRules.COUPON_EXHAUSTED);
        } else if (perCustomer != null && customer >= perCustomer) {
          refused.put(claim.key(), ContractRules.COUPON_CUSTOMER_LIMIT);
        } else {
          uses++;
          customerUses.put(claim.customerId(), customer + 1);
          redeemed.add(claim.orderId());
          taken.add(claim.key());
          redemptions.add(
              key.parameters()
                  .addValue("orderId", claim.orderId())
                  .addValue("customerId", claim.customerId())
                  .addValue("takenAt", utc(now)));
        }
      }
      if (!redemptions.isEmpty()) {
        jdbc.batchUpdate(INSERT_REDEMPTION, redemptions.toArray(SqlParameterSource[]::new));
        jdbc.update(SET_USES, key.parameters().addValue("uses", uses));
      }
    }
    return new Taken(taken, refused);
  }

  /**
   * Gives back the uses these orders took, inside the caller's transaction: an order that took none
   * (refused, or given back already) gives nothing.
   *
   * @return the orders that gave a use back
   */
  public List<OrderKey> giveBack(List<Claim> claims, Instant now) {
    List<OrderKey> returned = new ArrayList<>();
    for (Map.Entry<Key, List<Claim>> coupon : group(claims).entrySet()) {
      Key key = coupon.getKey();
      // The counter first, as take does: the two never wait for each other's locks in turn.
      if (jdbc.queryForList(LOCK_COUNTER, key.parameters(), Integer.class).isEmpty()) {
        continue;
      }
      int back = 0;
      for (Claim claim : coupon.getValue()) {
        // One statement per order: a batch may not say which rows it changed.
        int changed =
            jdbc.update(
                RETURN_REDEMPTION,
                new MapSqlParameterSource()
                    .addValue("merchantId", claim.merchantId())
                    .addValue("orderId", claim.orderId())
                    .addValue("returnedAt", utc(now)));
        if (changed == 1) {
          back++;
          returned.add(claim.key());
        }
      }
      if (back > 0) {
        jdbc.update(
            "UPDATE coupon_uses SET uses = uses - :back"
                + " WHERE merchant_id = :merchantId AND coupon_code = :couponCode",
            key.parameters().addValue("back", back));
      }
    }
    return returned;
  }

  private Map<String, Integer> customerUses(Key key, List<Claim> claimed) {
    List<String> limited =
        claimed.stream()
            .filter(claim -> claim.coupon().maxUsesPerCustomer() != null)
            .map(Claim::customerId)
            .distinct()
            .toList();
    Map<String, Integer> uses = new HashMap<>();
    if (!limited.isEmpty()) {
      jdbc.queryForList(
              CUSTOMER_USES, key.parameters().addValue("customerIds", limited), String.class)
          .forEach(customer -> uses.merge(customer, 1, Integer::sum));
    }
    return uses;
  }

  private static Map<Key, List<Claim>> group(List<Claim> claims) {
    Map<Key, List<Claim>> byCoupon = new TreeMap<>(KEY_ORDER);
    for (Claim claim : claims) {
      byCoupon
          .computeIfAbsent(
              new Key(claim.merchantId(), claim.coupon().code()), key -> new ArrayList<>())
          .add(claim);
    }
    return byCoupon;
  }

  // DATETIME columns hold UTC wall-clock time; LocalDateTime passes through Connector/J unshifted.
  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** An order's claim on its merchant's coupon. */
  public record Claim(String orderId, String merchantId, String customerId, CouponClaim coupon) {

    public OrderKey key() {
      return new OrderKey(merchantId, orderId);
    }
  }

  /**
   * What a take did.
   *
   * @param taken the orders that took a use now
   * @param refused the decline code of each order refused, by order
   */
  public record Taken(List<OrderKey> taken, Map<OrderKey, String> refused) {

    public Taken {
      taken = List.copyOf(taken);
      refused = Map.copyOf(refused);
    }
  }

  private record Key(String merchantId, String couponCode) {

    MapSqlParameterSource parameters() {
      return new MapSqlParameterSource()
          .addValue("merchantId", merchantId)
          .addValue("couponCode", couponCode);
    }
  }
}
