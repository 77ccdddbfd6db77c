package io.payrail.risk.features;

import java.time.Duration;

/**
 * What the customer's history says about one order, as of the order's event time. Counts and sums
 * include the order itself.
 *
 * @param ordersInBurstWindow orders in the short velocity window
 * @param ordersInHourlyWindow orders in the long velocity window
 * @param spendInWindowMinor spend in the spend window, in minor units of the order's currency
 *     (orders in other currencies are not converted and not counted)
 * @param distinctTokensInWindow distinct payment-method tokens in the token window
 * @param earlierOrdersInCurrency how many earlier orders in this currency shaped the usual amount
 * @param usualAmountMinor the usual order amount in this currency, 0 when there is no earlier order
 * @param customerAge time from the customer's first order (by event time) to this one
 * @param countryMismatch the card's issuing country differs from the shipping country
 * @param verification the customer's verification when the order is scored ({@link
 *     Verification#NONE} without a record)
 */
public record CustomerFeatures(
    long ordersInBurstWindow,
    long ordersInHourlyWindow,
    long spendInWindowMinor,
    long distinctTokensInWindow,
    long earlierOrdersInCurrency,
    long usualAmountMinor,
    Duration customerAge,
    boolean countryMismatch,
    Verification verification) {}
