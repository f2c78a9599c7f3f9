//! The lint of a fee block's amount and quantity: a block always says what is paid, either
//! as prices the form computes or in words (`amount_text`) — never an empty block read as
//! "free" — and its quantity factors are answers that count.

use madoguchi_core::Localized;

use crate::definition::FeeRule;
use crate::model::{Field, FieldKind};

/// A block with no price (`unit_yen` 0, no `price_by`, no `per_item`) states its amount in
/// words; a block that states it in words has no price, quantity or exemption beside it
/// (nothing is computed) and is paid elsewhere (nothing is charged here).
pub(super) fn check_amount(fee: &FeeRule, push: &mut impl FnMut(String, Localized)) {
    let priced = fee.unit_yen != 0 || fee.price_by.is_some() || fee.per_item.is_some();
    let Some(text) = &fee.amount_text else {
        if !priced {
            push(
                "/procedure/fee/unit_yen".into(),
                lint_text!(forms_lint_fee_without_amount),
            );
        }
        return;
    };
    let computed = priced
        || fee.quantity_field.is_some()
        || !fee.quantity_factors.is_empty()
        || !fee.exemptions.is_empty()
        || fee.online_if.is_some();
    if computed {
        push(
            "/procedure/fee/amount_text".into(),
            lint_text!(forms_lint_fee_text_and_price),
        );
    }
    if fee.timing.is_online() {
        push(
            "/procedure/fee/timing".into(),
            lint_text!(forms_lint_fee_text_online, timing = fee.timing.code()),
        );
    }
    if text.ja.trim().is_empty() || text.en.trim().is_empty() {
        push(
            "/procedure/fee/amount_text".into(),
            lint_text!(forms_lint_fee_text_empty),
        );
    }
}

/// `quantity_factors`: two or more answers, each an integer or a list, and the only
/// quantity of the fee.
pub(super) fn check_factors<'a>(
    fee: &FeeRule,
    find: &impl Fn(&str) -> Option<&'a Field>,
    push: &mut impl FnMut(String, Localized),
) {
    if fee.quantity_factors.is_empty() {
        return;
    }
    if fee.quantity_factors.len() < 2 || fee.quantity_field.is_some() || fee.per_item.is_some() {
        push(
            "/procedure/fee/quantity_factors".into(),
            lint_text!(forms_lint_fee_factors),
        );
    }
    for (i, factor) in fee.quantity_factors.iter().enumerate() {
        if !matches!(
            find(&factor.field).map(|f| &f.kind),
            Some(FieldKind::Integer | FieldKind::Repeat | FieldKind::MultiChoice)
        ) {
            push(
                format!("/procedure/fee/quantity_factors/{i}/field"),
                lint_text!(forms_lint_not_quantity, field = &factor.field),
            );
        }
    }
}
