//! Charts of the report as SVG: horizontal bars, one per row of a table, as the seed report
//! draws its statistics. Written by hand rather than with plotters: plotters lays out text
//! through a font backend (fontconfig and freetype, or a bundled font), while a bar chart
//! needs none — the browser or the PDF engine sets the text. Colours are presentation
//! attributes, so the page's strict CSP holds; the chart carries its title and a text
//! equivalent for screen readers, and the table beside it holds the same figures.

use crate::tables::{Cell, Table};
use havre_domain::text::Lang;

const WIDTH: u32 = 720;
const LABEL_WIDTH: u32 = 300;
const VALUE_WIDTH: u32 = 70;
const ROW: u32 = 26;
/// The bars' colour: the brand purple, 10.6:1 on white.
const BAR: &str = "#4b2a7b";
const INK: &str = "#1d1d24";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A label cut to what fits beside the bars; the whole label stays in the table.
fn fit(label: &str) -> String {
    const MAX: usize = 44;
    if label.chars().count() <= MAX {
        label.to_owned()
    } else {
        let cut: String = label.chars().take(MAX - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// One bar of a chart: its label, its value (none when hidden) and the value as written.
pub struct Bar {
    pub label: String,
    pub value: Option<i64>,
    pub shown: String,
}

/// The bars of a table's chart, one per row labelled in words with a count or hours; nothing
/// when the table has no chart or nothing to draw. The page's SVG and the PDF both draw these.
pub fn bars(table: &Table, lang: Lang) -> Vec<Bar> {
    let Some(column) = table.chart else {
        return Vec::new();
    };
    let bars: Vec<Bar> = table
        .rows
        .iter()
        .filter_map(|row| {
            let Some(Cell::Text(label)) = row.first() else {
                return None;
            };
            let cell = row.get(column)?;
            let value = match cell {
                Cell::Count(n) | Cell::Minutes(n) => Some(*n),
                Cell::Hidden | Cell::Withheld => None,
                _ => return None,
            };
            Some(Bar {
                label: label.clone(),
                value,
                shown: cell.display(lang),
            })
        })
        .collect();
    let largest = bars.iter().filter_map(|b| b.value).max().unwrap_or(0);
    if largest <= 0 { Vec::new() } else { bars }
}

/// The bar chart of one column of a table, as SVG: one bar per row, its length the row's
/// count. A count kept back (publishable version) has no bar, only "< 5" or "x".
pub fn bar_chart(table: &Table, lang: Lang) -> Option<String> {
    let bars = bars(table, lang);
    let largest = bars.iter().filter_map(|b| b.value).max().unwrap_or(0);
    if bars.is_empty() {
        return None;
    }
    let height = ROW * bars.len() as u32 + 8;
    let span = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 16;
    let summary: Vec<String> = bars
        .iter()
        .map(|b| format!("{} : {}", b.label, b.shown))
        .collect();
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" \
         width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">\
         <title>{}</title><desc>{}</desc>",
        escape(&table.title),
        escape(&table.title),
        escape(&summary.join(" ; "))
    );
    for (
        i,
        Bar {
            label,
            value,
            shown,
        },
    ) in bars.iter().enumerate()
    {
        let y = 4 + ROW * i as u32;
        let middle = y + ROW / 2 + 4;
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{middle}\" text-anchor=\"end\" font-size=\"13\" fill=\"{INK}\" \
             font-family=\"sans-serif\">{}</text>",
            LABEL_WIDTH - 8,
            escape(&fit(label))
        ));
        let length = value
            .map(|v| ((v.max(0) as f64 / largest as f64) * span as f64).round() as u32)
            .unwrap_or(0);
        if length > 0 {
            svg.push_str(&format!(
                "<rect x=\"{LABEL_WIDTH}\" y=\"{}\" width=\"{length}\" height=\"{}\" fill=\"{BAR}\"/>",
                y + 3,
                ROW - 8
            ));
        }
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{middle}\" font-size=\"13\" fill=\"{INK}\" \
             font-family=\"sans-serif\">{}</text>",
            LABEL_WIDTH + length + 6,
            escape(shown)
        ));
    }
    svg.push_str("</svg>");
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: Vec<Vec<Cell>>) -> Table {
        Table {
            key: "t".into(),
            title: "Âge <lors> de la demande".into(),
            columns: vec!["Réponse".into(), "Demandes".into()],
            rows,
            total: None,
            chart: Some(1),
        }
    }

    #[test]
    fn bars_are_as_long_as_their_counts_and_text_is_escaped() {
        let svg = bar_chart(
            &table(vec![
                vec![Cell::Text("12-17 ans".into()), Cell::Count(40)],
                vec![Cell::Text("18 ans & plus".into()), Cell::Count(20)],
                vec![Cell::Text("Non demandé".into()), Cell::Hidden],
            ]),
            Lang::Fr,
        )
        .unwrap();
        let span = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 16;
        assert!(
            svg.contains(&format!("width=\"{span}\"")),
            "the largest fills the span"
        );
        assert!(
            svg.contains(&format!("width=\"{}\"", span / 2)),
            "half as long"
        );
        assert_eq!(svg.matches("<rect").count(), 2, "a hidden count has no bar");
        assert!(svg.contains("&lt; 5") && svg.contains("18 ans &amp; plus"));
        assert!(svg.contains("<title>Âge &lt;lors&gt; de la demande</title>"));
    }

    #[test]
    fn nothing_to_draw_draws_nothing() {
        assert!(bar_chart(&table(vec![]), Lang::Fr).is_none());
        let zero = table(vec![vec![Cell::Text("A".into()), Cell::Count(0)]]);
        assert!(bar_chart(&zero, Lang::Fr).is_none());
    }
}
