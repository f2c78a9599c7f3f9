//! Fees from the declarative rule in the procedure settings, computed with `rust_decimal`
//! and rounded to whole yen (half up, as municipal fee ordinances round).

use madoguchi_core::{Lang, Localized, Yen};
use madoguchi_i18n::t;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;

use crate::definition::FeeRule;

/// The fee for one set of answers, with what a resident needs to understand it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeeQuote {
    /// The unit price; `None` when items have prices of their own.
    pub unit: Option<Yen>,
    pub quantity: i64,
    pub unit_label: Localized,
    pub total: Yen,
    /// Why nothing is due, when an exemption applies.
    pub exemption: Option<Localized>,
    /// The answers multiplied into `quantity`, each with its unit (2 年度, 3 通), when the
    /// rule has `quantity_factors`; empty otherwise.
    pub factors: Vec<(i64, Localized)>,
}

impl FeeQuote {
    /// `300円 × 2通 = 600円` / `¥300 × 2 copies = ¥600`; `3点 = 2,100円` when items are
    /// priced one by one; `300円 × 2年度 × 3通 = 1,800円` when answers are multiplied.
    pub fn breakdown(&self) -> Localized {
        Localized::from_fn(|lang| self.breakdown_in(lang))
    }

    fn breakdown_in(&self, lang: Lang) -> String {
        let unit = self.unit_label.get(lang);
        let total = self.total.format(lang);
        if let Some(reason) = &self.exemption {
            return t!(lang, forms_fee_free, reason = reason.get(lang));
        }
        match self.unit {
            Some(price) if !self.factors.is_empty() => {
                let factors: Vec<String> = self
                    .factors
                    .iter()
                    .map(|(n, unit)| {
                        t!(lang, forms_fee_factor, quantity = *n, unit = unit.get(lang))
                    })
                    .collect();
                t!(
                    lang,
                    forms_fee_factors,
                    unit_price = price.format(lang),
                    factors = factors.join(" × "),
                    total = total
                )
            }
            Some(price) => t!(
                lang,
                forms_fee_per_unit,
                unit_price = price.format(lang),
                quantity = self.quantity,
                unit = unit,
                total = total
            ),
            None => t!(
                lang,
                forms_fee_items,
                quantity = self.quantity,
                unit = unit,
                total = total
            ),
        }
    }
}

/// A procedure's fee in a line, before any answer: what the list of procedures and the
/// procedure's page say. Never "free" for a fee block: a block whose prices come from
/// answers or items, or that states its amount in words, says so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeeSummary {
    /// Nothing is charged (no fee block).
    None,
    /// One price per unit: 300円 per copy.
    PerUnit { amount: Yen, unit: Localized },
    /// The price depends on an answer (`price_by`).
    ByAnswer,
    /// Each item of a group has its own price (`per_item`).
    PerItem,
    /// The amount as the city states it (`amount_text`): not computed, not charged here.
    Stated(Localized),
}

impl FeeRule {
    /// This rule in a line ([`FeeSummary`]).
    pub fn summary(&self) -> FeeSummary {
        if self.per_item.is_some() {
            FeeSummary::PerItem
        } else if self.price_by.is_some() {
            FeeSummary::ByAnswer
        } else if let Some(text) = &self.amount_text {
            FeeSummary::Stated(text.clone())
        } else {
            // A block without an amount is refused by the lint; a stray one charges nothing.
            FeeSummary::PerUnit {
                amount: Yen::new(self.unit_yen.max(0)),
                unit: self.unit.clone(),
            }
        }
    }

    /// The form computes this fee from the answers (it is not stated in words).
    pub fn is_computed(&self) -> bool {
        self.amount_text.is_none()
    }
}

fn yen(d: Decimal) -> Yen {
    let rounded = d.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    Yen::new(rounded.to_i64().unwrap_or(i64::MAX))
}

/// A quantity: an integer answer, or the number of items of an array; at least 0.
fn quantity_at(data: &Value, pointer: Option<&str>) -> i64 {
    match pointer.and_then(|p| data.pointer(p)) {
        Some(Value::Array(items)) => items.len() as i64,
        Some(v) => crate::integers::whole(v).unwrap_or(1),
        None => 1,
    }
    .max(0)
}

/// The fee of `data`, read as its canonical form (whole numbers as integers, see
/// [`crate::integers`]): `1e1` copies are ten copies, and an exemption for `0` holds for `0.0`.
pub fn quote(rule: &FeeRule, data: &Value) -> FeeQuote {
    let data = &crate::integers::canonical(data.clone());
    let exemption = rule
        .exemptions
        .iter()
        .find(|x| data.pointer(&x.field) == Some(&x.equals))
        .map(|x| x.reason.clone());
    if let Some(per_item) = &rule.per_item {
        let items = data
            .pointer(&per_item.field)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let mut total = Decimal::ZERO;
        let mut count = 0;
        for item in &items {
            let price = item
                .get(&per_item.price_key)
                .and_then(Value::as_str)
                .and_then(|k| per_item.prices.get(k))
                .copied()
                .unwrap_or(rule.unit_yen);
            let n = per_item
                .quantity_key
                .as_deref()
                .and_then(|k| item.get(k))
                .and_then(crate::integers::whole)
                .unwrap_or(1)
                .max(0);
            total += Decimal::from(price) * Decimal::from(n);
            count += n;
        }
        return FeeQuote {
            unit: None,
            quantity: count,
            unit_label: rule.unit.clone(),
            total: if exemption.is_some() {
                Yen::ZERO
            } else {
                yen(total)
            },
            exemption,
            factors: Vec::new(),
        };
    }
    let unit = rule
        .price_by
        .as_ref()
        .and_then(|p| {
            data.pointer(&p.field)
                .and_then(Value::as_str)
                .and_then(|v| p.prices.get(v))
                .copied()
        })
        .unwrap_or(rule.unit_yen);
    let factors: Vec<(i64, Localized)> = rule
        .quantity_factors
        .iter()
        .map(|f| (quantity_at(data, Some(&f.field)), f.unit.clone()))
        .collect();
    // Decimal, so a product too large for whole yen stays bounded (the answers are).
    let quantity = if factors.is_empty() {
        Decimal::from(quantity_at(data, rule.quantity_field.as_deref()))
    } else {
        factors
            .iter()
            .map(|(n, _)| Decimal::from(*n))
            .fold(Decimal::ONE, |a, b| a.saturating_mul(b))
    };
    let total = if exemption.is_some() {
        Yen::ZERO
    } else {
        yen(Decimal::from(unit).saturating_mul(quantity))
    };
    FeeQuote {
        unit: Some(Yen::new(unit)),
        quantity: quantity.to_i64().unwrap_or(i64::MAX),
        unit_label: rule.unit.clone(),
        total,
        exemption,
        factors,
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
            amount_text: None,
            price_by: None,
            per_item: None,
            quantity_field: Some("/copies".into()),
            quantity_factors: Vec::new(),
            unit: Localized::new("通", "copies"),
            exemptions: vec![FeeExemption {
                field: "/purpose_code".into(),
                equals: json!("pension"),
                reason: Localized::new("年金の請求に使うため", "for a pension claim"),
            }],
            timing: madoguchi_core::FeeTiming::AfterApproval,
            refundable: false,
            online_if: None,
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
    fn unit_price_by_answer_and_per_item_prices() {
        use crate::definition::{PerItem, PriceBy};
        let mut r = rule();
        r.price_by = Some(PriceBy {
            field: "/kind".into(),
            prices: [("removed".to_string(), 750)].into(),
        });
        assert_eq!(
            quote(&r, &json!({"kind": "removed", "copies": 2})).total,
            Yen::new(1500)
        );
        assert_eq!(
            quote(&r, &json!({"kind": "other", "copies": 2})).total,
            Yen::new(600)
        );
        let mut items = rule();
        items.per_item = Some(PerItem {
            field: "/items".into(),
            price_key: "kind".into(),
            prices: [("sofa".to_string(), 1000), ("chair".to_string(), 300)].into(),
            quantity_key: Some("count".into()),
        });
        items.unit = Localized::new("点", "items");
        let q = quote(
            &items,
            &json!({"items": [{"kind": "sofa", "count": 1}, {"kind": "chair", "count": 4}]}),
        );
        assert_eq!(q.total, Yen::new(2200));
        assert_eq!(q.breakdown().ja, "5点 = 2,200円");
    }

    #[test]
    fn an_array_counts_its_items() {
        let q = quote(&rule(), &json!({"copies": [1, 2, 3]}));
        assert_eq!(q.total, Yen::new(900));
    }

    #[test]
    fn whole_numbers_count_however_they_are_written() {
        for text in [
            r#"{"copies": 10}"#,
            r#"{"copies": 10.0}"#,
            r#"{"copies": 1e1}"#,
        ] {
            let data: Value = serde_json::from_str(text).unwrap();
            let q = quote(&rule(), &data);
            assert_eq!((q.quantity, q.total), (10, Yen::new(3000)), "{text}");
        }
    }

    #[test]
    fn factors_multiply_answers_and_show_each() {
        use crate::definition::QuantityFactor;
        let mut r = rule();
        r.quantity_field = None;
        r.quantity_factors = vec![
            QuantityFactor {
                field: "/years".into(),
                unit: Localized::new("年度", "fiscal years"),
            },
            QuantityFactor {
                field: "/properties".into(),
                unit: Localized::new("件", "properties"),
            },
            QuantityFactor {
                field: "/copies".into(),
                unit: Localized::new("通", "copies"),
            },
        ];
        let q = quote(
            &r,
            &json!({"years": ["2025", "2026"], "properties": [{}, {}, {}], "copies": 2}),
        );
        assert_eq!((q.quantity, q.total), (12, Yen::new(3600)));
        assert_eq!(q.breakdown().ja, "300円 × 2年度 × 3件 × 2通 = 3,600円");
        assert_eq!(
            q.breakdown().en,
            "¥300 × 2 fiscal years × 3 properties × 2 copies = ¥3,600"
        );
        // An unanswered factor counts once (a certificate about no property).
        let q = quote(&r, &json!({"years": ["2026"], "copies": 1}));
        assert_eq!((q.quantity, q.total), (1, Yen::new(300)));
        assert_eq!(q.breakdown().ja, "300円 × 1年度 × 1件 × 1通 = 300円");
        let q = quote(&r, &json!({"years": [], "copies": 3}));
        assert_eq!(q.total, Yen::ZERO);
    }

    #[test]
    fn missing_quantity_counts_as_one() {
        assert_eq!(quote(&rule(), &json!({})).total, Yen::new(300));
    }
}
