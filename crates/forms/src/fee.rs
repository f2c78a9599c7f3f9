//! Fees from the declarative rule in the procedure settings, computed with `rust_decimal`
//! and rounded to whole yen (half up, as municipal fee ordinances round).

use madoguchi_core::{Localized, Yen};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;

use crate::definition::FeeRule;

/// The fee for one set of answers, with what a resident needs to understand it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeeQuote {
    pub unit: Yen,
    pub quantity: i64,
    pub unit_label: Localized,
    pub total: Yen,
    /// Why nothing is due, when an exemption applies.
    pub exemption: Option<Localized>,
}

impl FeeQuote {
    /// `300円 × 2通 = 600円` / `¥300 × 2 copies = ¥600`.
    pub fn breakdown(&self) -> Localized {
        if let Some(reason) = &self.exemption {
            return Localized::new(
                format!("無料({})", reason.ja),
                format!("Free ({})", reason.en),
            );
        }
        Localized::new(
            format!(
                "{} × {}{} = {}",
                self.unit.format_ja(),
                self.quantity,
                self.unit_label.ja,
                self.total.format_ja()
            ),
            format!(
                "{} × {} {} = {}",
                self.unit.format_en(),
                self.quantity,
                self.unit_label.en,
                self.total.format_en()
            ),
        )
    }
}

pub fn quote(rule: &FeeRule, data: &Value) -> FeeQuote {
    let quantity = rule
        .quantity_field
        .as_deref()
        .and_then(|p| data.pointer(p))
        .and_then(Value::as_i64)
        .unwrap_or(1)
        .max(0);
    let exemption = rule
        .exemptions
        .iter()
        .find(|x| data.pointer(&x.field) == Some(&x.equals))
        .map(|x| x.reason.clone());
    let total = if exemption.is_some() {
        Yen::ZERO
    } else {
        let exact = Decimal::from(rule.unit_yen) * Decimal::from(quantity);
        let rounded = exact.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
        Yen::new(rounded.to_i64().unwrap_or(i64::MAX))
    };
    FeeQuote {
        unit: Yen::new(rule.unit_yen),
        quantity,
        unit_label: rule.unit.clone(),
        total,
        exemption,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definition::FeeExemption;
    use serde_json::json;

    fn rule() -> FeeRule {
        FeeRule {
            unit_yen: 300,
            quantity_field: Some("/copies".into()),
            unit: Localized::new("通", "copies"),
            exemptions: vec![FeeExemption {
                field: "/purpose_code".into(),
                equals: json!("pension"),
                reason: Localized::new("年金の請求に使うため", "for a pension claim"),
            }],
        }
    }

    #[test]
    fn unit_price_times_copies() {
        let q = quote(&rule(), &json!({"copies": 3}));
        assert_eq!(q.total, Yen::new(900));
        assert_eq!(q.breakdown().ja, "300円 × 3通 = 900円");
        assert_eq!(q.breakdown().en, "¥300 × 3 copies = ¥900");
    }

    #[test]
    fn exemption_by_answer_makes_it_free() {
        let q = quote(&rule(), &json!({"copies": 2, "purpose_code": "pension"}));
        assert_eq!(q.total, Yen::ZERO);
        assert!(q.breakdown().ja.starts_with("無料"));
    }

    #[test]
    fn missing_quantity_counts_as_one() {
        assert_eq!(quote(&rule(), &json!({})).total, Yen::new(300));
    }
}
