//! QR codes as inline SVG (for enrolling an authenticator, and counter pre-entry slips).

use qrcode::QrCode;
use qrcode::render::svg;

/// `data` as an SVG QR code, black on white, with the quiet zone.
pub fn svg(data: &str) -> Result<String, qrcode::types::QrError> {
    let code = QrCode::new(data.as_bytes())?;
    Ok(code
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .dark_color(svg::Color("#0b0c0c"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build())
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_address_becomes_an_svg() {
        let svg = super::svg("otpauth://totp/Madoguchi:a@b?secret=ABC").unwrap();
        assert!(svg.starts_with("<?xml") || svg.starts_with("<svg"));
        assert!(svg.contains("</svg>"));
    }
}
