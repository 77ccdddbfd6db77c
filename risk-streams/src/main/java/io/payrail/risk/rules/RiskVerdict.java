package io.payrail.risk.rules;

import io.payrail.events.RiskDecision;
import io.payrail.events.RiskReason;
import java.util.List;

/** The rules' answer for one order: capped score, decision and every rule that fired. */
public record RiskVerdict(int score, RiskDecision decision, List<RiskReason> reasons) {

  public RiskVerdict {
    reasons = List.copyOf(reasons);
  }
}
