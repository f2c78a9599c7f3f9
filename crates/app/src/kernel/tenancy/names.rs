//! Checks of what an operator types: a local-government code, a colour, a host name.

use madoguchi_core::TenantId;

use super::TenancyError;

/// Checks a 6-digit local-government code (全国地方公共団体コード, JIS X 0402): the sixth
/// digit is 11 − (d1×6 + d2×5 + d3×4 + d4×3 + d5×2) mod 11, taken mod 10.
pub fn check_local_gov_code(code: &str) -> Result<TenantId, TenancyError> {
    let digits: Vec<u32> = code.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 6 || code.len() != 6 {
        return Err(TenancyError::CodeFormat);
    }
    let sum: u32 = digits[..5]
        .iter()
        .zip([6, 5, 4, 3, 2])
        .map(|(d, w)| d * w)
        .sum();
    let expected = (11 - sum % 11) % 10;
    if digits[5] != expected {
        return Err(TenancyError::CheckDigit {
            expected,
            given: digits[5],
        });
    }
    Ok(TenantId::new(code))
}

/// The WCAG contrast ratio of `#rrggbb` against white; `None` when it is no such colour.
pub fn contrast_on_white(hex: &str) -> Option<f64> {
    let hex = hex.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let channel = |i: usize| -> Option<f64> {
        let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).ok()?) / 255.0;
        Some(if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        })
    };
    let l = 0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?;
    Some(1.05 / (l + 0.05))
}

/// A host as the registry keys it: lower-case, without port or trailing dot.
pub fn normalise_host(host: &str) -> String {
    let host = host.trim();
    let without_port = if let Some(rest) = host.strip_prefix('[') {
        // [::1]:8080
        rest.split(']').next().unwrap_or(rest)
    } else if host.matches(':').count() == 1 {
        host.split(':').next().unwrap_or(host)
    } else {
        host
    };
    without_port.trim_end_matches('.').to_ascii_lowercase()
}

pub(super) fn valid_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == ':')
}
