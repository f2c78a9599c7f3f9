//! Small server-rendered SVG charts for the published figures. Each chart has a title and
//! a description for screen readers, and the page shows the same numbers as a table.

/// Escapes text for SVG/HTML.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A vertical bar chart: one bar per (label, value), labels under the bars.
pub fn bars(id: &str, title: &str, description: &str, values: &[(String, i64)]) -> String {
    let (width, height, top, bottom, left) = (640i64, 260i64, 24i64, 40i64, 48i64);
    let plot_h = height - top - bottom;
    let max = values.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let n = i64::try_from(values.len()).unwrap_or(1).max(1);
    let slot = (width - left - 8) / n;
    let bar = (slot * 3 / 5).max(2);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" class=\"chart\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        esc(title),
        esc(description)
    );
    // Axis and a top gridline with the maximum.
    svg.push_str(&format!(
        "<line x1=\"{left}\" y1=\"{y0}\" x2=\"{x1}\" y2=\"{y0}\" stroke=\"#0b0c0c\"/>\
         <line x1=\"{left}\" y1=\"{top}\" x2=\"{x1}\" y2=\"{top}\" stroke=\"#b1b4b6\" stroke-dasharray=\"4 4\"/>\
         <text x=\"{lx}\" y=\"{ty}\" font-size=\"12\" text-anchor=\"end\" fill=\"#0b0c0c\">{max}</text>\
         <text x=\"{lx}\" y=\"{y0}\" font-size=\"12\" text-anchor=\"end\" fill=\"#0b0c0c\">0</text>",
        y0 = top + plot_h,
        x1 = width - 8,
        lx = left - 6,
        ty = top + 4,
    ));
    for (i, (label, v)) in values.iter().enumerate() {
        let i = i64::try_from(i).unwrap_or(0);
        let h = v * plot_h / max;
        let x = left + i * slot + (slot - bar) / 2;
        let y = top + plot_h - h;
        svg.push_str(&format!(
            "<rect x=\"{x}\" y=\"{y}\" width=\"{bar}\" height=\"{h}\" fill=\"#0b5a3c\"><title>{}: {v}</title></rect>\
             <text x=\"{cx}\" y=\"{ly}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#0b0c0c\">{}</text>",
            esc(label),
            esc(label),
            cx = x + bar / 2,
            ly = height - bottom + 18,
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    #[test]
    fn bars_scale_to_the_largest_value_and_escape_text() {
        let svg = super::bars(
            "m",
            "月別<件数>",
            "d",
            &[("4月".into(), 10), ("5月".into(), 5)],
        );
        assert!(svg.contains("月別&lt;件数&gt;"));
        assert!(
            svg.contains("height=\"196\""),
            "the largest bar fills the plot"
        );
        assert!(svg.contains("height=\"98\""));
        assert_eq!(svg.matches("<rect").count(), 2);
    }
}
