//! The report as a printable PDF: US Letter (the paper in Québec's printers), portrait, 2 cm
//! margins. A title page lists the sections and their pages; each section then starts on a new
//! page with its title, the team's text, and its tables, a bar chart before those that have one.
//! Long tables go on over the next pages under their header again.
//!
//! The layout is done here, from the bundled font's own metrics, so that wrapping and right
//! alignment are what the printed page shows; pdf-writer writes the objects and subsetter keeps
//! only the glyphs used. It is done in two passes, marks placed on pages and then written, since
//! the footers' "3 / 12" and the title page's list need the number of pages first.

use crate::tables::{Cell, Section, Table};
use havre_domain::text::Lang;
use pdf_writer::types::{CidFontType, FontFlags, PageMode, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use std::collections::BTreeMap;
use std::io::Write;
use subsetter::GlyphRemapper;

/// DejaVu Sans, bundled so that the report looks the same wherever Havre runs: it has every
/// character French needs, the narrow no-break space of "1 378 h 30" included.
static REGULAR_FONT: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD_FONT: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

const PAGE_WIDTH: f32 = 612.0;
const PAGE_HEIGHT: f32 = 792.0;
/// 2 cm, in points.
const MARGIN: f32 = 56.7;
const WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
const TOP: f32 = MARGIN;
const BOTTOM: f32 = PAGE_HEIGHT - MARGIN;
/// The footer's baseline, inside the bottom margin so that it never meets the content.
const FOOTER_BASELINE: f32 = PAGE_HEIGHT - 30.0;

/// The SVG charts' ink and purple, and tints of them.
const INK: Rgb = Rgb(0x1d, 0x1d, 0x24);
const BRAND: Rgb = Rgb(0x4b, 0x2a, 0x7b);
const MUTED: Rgb = Rgb(0x55, 0x55, 0x60);
const RULE: Rgb = Rgb(0xc9, 0xc6, 0xd1);
const HEADER_FILL: Rgb = Rgb(0xec, 0xe8, 0xf3);

const TITLE: Style = Style::new(24.0, Weight::Bold, BRAND);
const SUBTITLE: Style = Style::new(13.0, Weight::Regular, MUTED);
const CONTENTS: Style = Style::new(11.0, Weight::Regular, INK);
const HEADING: Style = Style::new(16.0, Weight::Bold, BRAND);
const BODY: Style = Style::new(10.0, Weight::Regular, INK);
const TABLE_TITLE: Style = Style::new(11.0, Weight::Bold, INK);
const CHART: Style = Style::new(8.5, Weight::Regular, INK);
const FOOTER: Style = Style::new(8.0, Weight::Regular, MUTED);

/// The text sizes and the space between a cell's text and its column's edges that a table is
/// tried at, roomiest first, until its columns fit the width: the groups table has ten.
const TABLE_SETTINGS: [Setting; 7] = [
    Setting::new(9.0, 4.0),
    Setting::new(8.5, 4.0),
    Setting::new(8.0, 4.0),
    Setting::new(7.5, 3.5),
    Setting::new(7.0, 3.0),
    Setting::new(7.0, 2.0),
    Setting::new(6.5, 2.0),
];
const ROW_PAD: f32 = 3.0;
const BAR_ROW: f32 = 16.0;
/// The share of the width the chart's labels get, as in charts.rs (300 of 720).
const CHART_LABELS: f32 = 0.42;
const CHART_GAP: f32 = 6.0;
/// The least share of a table's width its first column, the labels, is given when it needs it.
const FIRST_COLUMN_SHARE: f32 = 0.2;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the bundled font {0} cannot be read")]
    Font(&'static str),
    #[error("the bundled font cannot be subset: {0}")]
    Subset(#[from] subsetter::Error),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The PDF of a report's sections, with `title` and `subtitle` (the organization, the period,
/// whether it is the publishable version…) on its title page.
pub fn document(
    title: &str,
    subtitle: &str,
    sections: &[Section],
    lang: Lang,
) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::load()?;
    let (pages, outline) = lay_out(&fonts, title, subtitle, sections, lang);
    write(&fonts, &pages, &outline, title, lang)
}

// ---------------------------------------------------------------------------------------------
// Fonts

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Weight {
    Regular,
    Bold,
}

impl Weight {
    /// Its place in the arrays of fonts written.
    fn index(self) -> usize {
        match self {
            Weight::Regular => 0,
            Weight::Bold => 1,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Rgb(u8, u8, u8);

#[derive(Clone, Copy, Debug)]
struct Style {
    size: f32,
    weight: Weight,
    color: Rgb,
}

impl Style {
    const fn new(size: f32, weight: Weight, color: Rgb) -> Style {
        Style {
            size,
            weight,
            color,
        }
    }

    const fn with_size(self, size: f32) -> Style {
        Style { size, ..self }
    }

    const fn with_weight(self, weight: Weight) -> Style {
        Style { weight, ..self }
    }

    fn leading(self) -> f32 {
        self.size * 1.4
    }
}

struct Face {
    face: ttf_parser::Face<'static>,
    data: &'static [u8],
    /// Its name in the PDF: a subset's six-letter tag, then the PostScript name.
    name: &'static str,
    units_per_em: f32,
    /// The height of capitals, in ems: what centres a line of text in its box.
    cap_height: f32,
}

impl Face {
    fn load(data: &'static [u8], name: &'static str) -> Result<Face, PdfError> {
        let face = ttf_parser::Face::parse(data, 0).map_err(|_| PdfError::Font(name))?;
        let units_per_em = f32::from(face.units_per_em());
        let cap_height = face
            .capital_height()
            .filter(|h| *h > 0)
            .or_else(|| {
                let h = face.glyph_index('H')?;
                Some(face.glyph_bounding_box(h)?.y_max)
            })
            .map_or(0.73, |h| f32::from(h) / units_per_em);
        Ok(Face {
            face,
            data,
            name,
            units_per_em,
            cap_height,
        })
    }

    /// The glyph of a character; .notdef (a box) for what the font lacks.
    fn glyph(&self, c: char) -> u16 {
        self.face.glyph_index(c).map_or(0, |g| g.0)
    }

    /// A glyph's advance, in ems.
    fn advance(&self, glyph: u16) -> f32 {
        self.face
            .glyph_hor_advance(ttf_parser::GlyphId(glyph))
            .map_or(0.0, f32::from)
            / self.units_per_em
    }

    fn char_width(&self, c: char, size: f32) -> f32 {
        self.advance(self.glyph(c)) * size
    }

    /// The width of a line of text as it is drawn: glyph by glyph, without kerning.
    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.char_width(c, size)).sum()
    }
}

struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    fn load() -> Result<Fonts, PdfError> {
        Ok(Fonts {
            regular: Face::load(REGULAR_FONT, "HAVRER+DejaVuSans")?,
            bold: Face::load(BOLD_FONT, "HAVREB+DejaVuSans-Bold")?,
        })
    }

    fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    fn width(&self, text: &str, style: Style) -> f32 {
        self.face(style.weight).width(text, style.size)
    }

    /// Where the baseline goes for a line whose box starts at `top`: capitals centred in it.
    fn baseline(&self, top: f32, style: Style) -> f32 {
        let cap = self.face(style.weight).cap_height * style.size;
        top + (style.leading() + cap) / 2.0
    }
}

/// Tolerance for sums of widths that land a hair over the line.
const EPSILON: f32 = 0.01;

/// The lines of `text` within `width`, broken at spaces. The no-break spaces of "1 378 h" and
/// "12 %" hold their neighbours together; a word wider than the line is cut where it must be.
fn wrap(fonts: &Fonts, text: &str, style: Style, width: f32) -> Vec<String> {
    let space = fonts.width(" ", style);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    for word in text
        .split([' ', '\t', '\n', '\r'])
        .filter(|w| !w.is_empty())
    {
        let word_width = fonts.width(word, style);
        if !line.is_empty() && line_width + space + word_width <= width + EPSILON {
            line.push(' ');
            line.push_str(word);
            line_width += space + word_width;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut pieces = cut(fonts, word, style, width);
        line = pieces.pop().unwrap_or_default();
        line_width = fonts.width(&line, style);
        lines.extend(pieces);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A word in pieces no wider than `width` (one piece when it fits).
fn cut(fonts: &Fonts, word: &str, style: Style, width: f32) -> Vec<String> {
    let face = fonts.face(style.weight);
    let mut pieces = Vec::new();
    let mut piece = String::new();
    let mut piece_width = 0.0;
    for c in word.chars() {
        let w = face.char_width(c, style.size);
        if !piece.is_empty() && piece_width + w > width + EPSILON {
            pieces.push(std::mem::take(&mut piece));
            piece_width = 0.0;
        }
        piece.push(c);
        piece_width += w;
    }
    pieces.push(piece);
    pieces
}

/// A line cut to `width` with an ellipsis: for chart labels, whose whole text is in the table,
/// and the footer's title.
fn fit(fonts: &Fonts, text: &str, style: Style, width: f32) -> String {
    if fonts.width(text, style) <= width + EPSILON {
        return text.to_owned();
    }
    let face = fonts.face(style.weight);
    let room = width - fonts.width("…", style);
    let mut kept = String::new();
    let mut kept_width = 0.0;
    for c in text.chars() {
        let w = face.char_width(c, style.size);
        if kept_width + w > room {
            break;
        }
        kept.push(c);
        kept_width += w;
    }
    format!("{}…", kept.trim_end())
}

// ---------------------------------------------------------------------------------------------
// Layout

/// Something drawn on a page; `y` is measured down from the page's top edge.
#[derive(Clone, Debug)]
enum Mark {
    /// Text from its left end, on its baseline.
    Text {
        x: f32,
        y: f32,
        style: Style,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        color: Rgb,
    },
}

type Page = Vec<Mark>;

/// A section's entry in the PDF's bookmarks: its title and its page (0 is the title page).
type Bookmark = (String, usize);

struct Layout<'f> {
    fonts: &'f Fonts,
    pages: Vec<Page>,
    /// Where the next thing goes, down from the page's top.
    y: f32,
}

impl<'f> Layout<'f> {
    fn new(fonts: &'f Fonts) -> Layout<'f> {
        Layout {
            fonts,
            pages: Vec::new(),
            y: TOP,
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    fn fits(&self, height: f32) -> bool {
        self.y + height <= BOTTOM + EPSILON
    }

    /// Goes to a new page unless `height` fits below; a page that is still empty is kept,
    /// since the next would be no roomier.
    fn keep(&mut self, height: f32) {
        if !self.fits(height) && self.y > TOP {
            self.new_page();
        }
    }

    /// Vertical space, dropped at the top of a page where it would only push things down.
    fn space(&mut self, height: f32) {
        if self.y > TOP {
            self.y += height;
        }
    }

    fn mark(&mut self, mark: Mark) {
        if let Some(page) = self.pages.last_mut() {
            page.push(mark);
        }
    }

    fn text(&mut self, x: f32, top: f32, style: Style, text: &str) {
        if text.is_empty() {
            return;
        }
        let y = self.fonts.baseline(top, style);
        self.mark(Mark::Text {
            x,
            y,
            style,
            text: text.to_owned(),
        });
    }

    fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, color: Rgb) {
        self.mark(Mark::Rect {
            x,
            y,
            width,
            height,
            color,
        });
    }

    /// Text wrapped to the width at the left margin, line by line onto as many pages as it
    /// takes.
    fn paragraph(&mut self, text: &str, style: Style) {
        for line in wrap(self.fonts, text, style, WIDTH) {
            self.keep(style.leading());
            self.text(MARGIN, self.y, style, &line);
            self.y += style.leading();
        }
    }
}

/// The report's pages, marks on each, and the sections' bookmarks.
fn lay_out(
    fonts: &Fonts,
    title: &str,
    subtitle: &str,
    sections: &[Section],
    lang: Lang,
) -> (Vec<Page>, Vec<Bookmark>) {
    let mut layout = Layout::new(fonts);
    let starts: Vec<usize> = sections
        .iter()
        .map(|s| lay_out_section(&mut layout, s, lang))
        .collect();
    let mut cover = title_page(fonts, title, subtitle, sections, &starts, 1);
    if cover.len() > 1 {
        // A list of sections too long for one page: the page numbers it shows move on.
        cover = title_page(fonts, title, subtitle, sections, &starts, cover.len());
    }
    let offset = cover.len();
    let mut pages = cover;
    pages.extend(layout.pages);
    add_footers(fonts, &mut pages, title);
    let bookmarks = sections
        .iter()
        .zip(&starts)
        .map(|(s, start)| (s.title.clone(), start + offset))
        .collect();
    (pages, bookmarks)
}

/// The title, the subtitle, then each section's title with the page it starts on (counting
/// `cover_pages` before the first section).
fn title_page(
    fonts: &Fonts,
    title: &str,
    subtitle: &str,
    sections: &[Section],
    starts: &[usize],
    cover_pages: usize,
) -> Vec<Page> {
    let mut layout = Layout::new(fonts);
    layout.new_page();
    layout.y = TOP + 150.0;
    layout.paragraph(title, TITLE);
    layout.y += 6.0;
    layout.paragraph(subtitle, SUBTITLE);
    layout.y += 36.0;
    layout.rect(MARGIN, layout.y, WIDTH, 1.0, BRAND);
    layout.y += 14.0;
    let number_width = 40.0;
    for (section, start) in sections.iter().zip(starts) {
        let lines = wrap(fonts, &section.title, CONTENTS, WIDTH - number_width);
        let leading = CONTENTS.leading() + 2.0;
        layout.keep(leading * lines.len() as f32);
        let number = (start + cover_pages + 1).to_string();
        let right = MARGIN + WIDTH - fonts.width(&number, CONTENTS);
        layout.text(right, layout.y, CONTENTS, &number);
        for line in lines {
            layout.text(MARGIN, layout.y, CONTENTS, &line);
            layout.y += leading;
        }
    }
    layout.pages
}

/// The report's title and "3 / 12" under every page but the first; the numbers only, since the
/// words around them belong to the translations.
fn add_footers(fonts: &Fonts, pages: &mut [Page], title: &str) {
    let count = pages.len();
    for (i, page) in pages.iter_mut().enumerate().skip(1) {
        let number = format!("{} / {count}", i + 1);
        let number_width = fonts.width(&number, FOOTER);
        let y = FOOTER_BASELINE;
        page.push(Mark::Text {
            x: MARGIN,
            y,
            style: FOOTER,
            text: fit(fonts, title, FOOTER, WIDTH - number_width - 24.0),
        });
        page.push(Mark::Text {
            x: MARGIN + WIDTH - number_width,
            y,
            style: FOOTER,
            text: number,
        });
    }
}

/// A section from a new page: title, the team's text, then the tables. Returns the index of
/// its first page among the sections' pages.
fn lay_out_section(layout: &mut Layout, section: &Section, lang: Lang) -> usize {
    layout.new_page();
    let start = layout.pages.len() - 1;
    layout.paragraph(&section.title, HEADING);
    layout.y += 8.0;
    if let Some(text) = &section.narrative {
        for paragraph in paragraphs(text) {
            layout.paragraph(&paragraph, BODY);
            layout.space(BODY.size * 0.6);
        }
    }
    for table in &section.tables {
        lay_out_table(layout, table, lang);
    }
    start
}

/// The team's paragraphs, as the report's page splits them: at blank lines.
fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Tables

/// How a table's columns are set: their widths, which hold figures (right-aligned, never
/// wrapped), and the text size and padding that let them fit.
struct Columns {
    widths: Vec<f32>,
    figures: Vec<bool>,
    style: Style,
    pad: f32,
}

#[derive(Clone, Copy)]
struct Setting {
    size: f32,
    pad: f32,
}

impl Setting {
    const fn new(size: f32, pad: f32) -> Setting {
        Setting { size, pad }
    }
}

/// A row laid out: each cell's lines.
struct Row {
    cells: Vec<Vec<String>>,
    style: Style,
    height: f32,
}

#[derive(Clone, Copy, PartialEq)]
enum RowKind {
    Header,
    Body,
    Total,
}

fn column_count(table: &Table) -> usize {
    table
        .rows
        .iter()
        .chain(table.total.iter())
        .map(Vec::len)
        .chain([table.columns.len()])
        .max()
        .unwrap_or(0)
}

/// The narrowest and the widest each column can be at `style` and `pad`: its longest word, or
/// a whole figure, and its longest line.
fn column_bounds(
    fonts: &Fonts,
    table: &Table,
    figures: &[bool],
    (style, pad): (Style, f32),
    lang: Lang,
) -> (Vec<f32>, Vec<f32>) {
    let count = figures.len();
    let mut least = vec![0.0f32; count];
    let mut most = vec![0.0f32; count];
    let mut measure = |col: usize, text: &str, style: Style, whole: bool| {
        let full = fonts.width(text, style);
        let word = if whole {
            full
        } else {
            text.split([' ', '\t', '\n', '\r'])
                .map(|w| fonts.width(w, style))
                .fold(0.0, f32::max)
        };
        least[col] = least[col].max(word + 2.0 * pad);
        most[col] = most[col].max(full + 2.0 * pad);
    };
    for (col, header) in table.columns.iter().enumerate() {
        measure(col, header, style.with_weight(Weight::Bold), false);
    }
    let rows = table.rows.iter().map(|r| (r, Weight::Regular));
    let total = table.total.iter().map(|r| (r, Weight::Bold));
    for (row, weight) in rows.chain(total) {
        for (col, cell) in row.iter().enumerate() {
            let text = cell.display(lang);
            measure(col, &text, style.with_weight(weight), figures[col]);
        }
    }
    (least, most)
}

/// Widths that fill the line, or none when even the narrowest columns are too wide. When not
/// all can be as wide as they would like, the first column, the labels, gets its room first: a
/// wrapped label costs a line on its row, a wrapped header a line once.
fn share_width(least: &[f32], most: &[f32]) -> Option<Vec<f32>> {
    let (low, high): (f32, f32) = (least.iter().sum(), most.iter().sum());
    if low > WIDTH {
        return None;
    }
    let mut widths = least.to_vec();
    let mut room = WIDTH - low;
    if let (Some(first), Some(widest)) = (widths.first_mut(), most.first()) {
        let gain = if high <= WIDTH {
            room - (high - low) + (widest - *first)
        } else {
            room.min(widest - *first)
        };
        *first += gain;
        room -= gain;
    }
    let wanted: f32 = least.iter().zip(most).skip(1).map(|(l, m)| m - l).sum();
    if wanted > 0.0 {
        let share = (room / wanted).min(1.0);
        for (width, (l, m)) in widths.iter_mut().zip(least.iter().zip(most)).skip(1) {
            *width += (m - l) * share;
        }
    }
    Some(widths)
}

fn columns(fonts: &Fonts, table: &Table, lang: Lang) -> Columns {
    let count = column_count(table);
    let figures: Vec<bool> = (0..count)
        .map(|col| {
            table
                .rows
                .iter()
                .chain(table.total.iter())
                .any(|r| r.get(col).is_some_and(Cell::is_figure))
        })
        .collect();
    // Better smaller text than labels a word a line; better that than words cut.
    for roomy_labels in [true, false] {
        for setting in TABLE_SETTINGS {
            let style = BODY.with_size(setting.size);
            let (mut least, most) =
                column_bounds(fonts, table, &figures, (style, setting.pad), lang);
            if let (true, Some(first), Some(widest)) =
                (roomy_labels, least.first_mut(), most.first())
            {
                *first = first.max(widest.min(WIDTH * FIRST_COLUMN_SHARE));
            }
            if let Some(widths) = share_width(&least, &most) {
                return Columns {
                    widths,
                    figures,
                    style,
                    pad: setting.pad,
                };
            }
        }
    }
    // Too many columns even at the smallest setting: all narrowed alike, words cut.
    let last = TABLE_SETTINGS[TABLE_SETTINGS.len() - 1];
    let style = BODY.with_size(last.size);
    let (least, _) = column_bounds(fonts, table, &figures, (style, last.pad), lang);
    let scale = WIDTH / least.iter().sum::<f32>();
    Columns {
        widths: least.iter().map(|w| w * scale).collect(),
        figures,
        style,
        pad: last.pad,
    }
}

fn lay_out_row(fonts: &Fonts, texts: &[String], columns: &Columns, kind: RowKind) -> Row {
    let weight = match kind {
        RowKind::Body => Weight::Regular,
        RowKind::Header | RowKind::Total => Weight::Bold,
    };
    let style = columns.style.with_weight(weight);
    let cells: Vec<Vec<String>> = columns
        .widths
        .iter()
        .enumerate()
        .map(|(col, width)| {
            let text = texts.get(col).map(String::as_str).unwrap_or("");
            wrap(fonts, text, style, width - 2.0 * columns.pad)
        })
        .collect();
    let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    Row {
        cells,
        style,
        height: lines as f32 * style.leading() + 2.0 * ROW_PAD,
    }
}

fn draw_row(layout: &mut Layout, row: &Row, columns: &Columns, kind: RowKind) {
    let top = layout.y;
    match kind {
        RowKind::Header => layout.rect(MARGIN, top, WIDTH, row.height, HEADER_FILL),
        RowKind::Total => layout.rect(MARGIN, top, WIDTH, 0.8, INK),
        RowKind::Body => {}
    }
    let mut left = MARGIN;
    for (col, lines) in row.cells.iter().enumerate() {
        let width = columns.widths[col];
        for (i, line) in lines.iter().enumerate() {
            let x = if columns.figures[col] {
                left + width - columns.pad - layout.fonts.width(line, row.style)
            } else {
                left + columns.pad
            };
            let line_top = top + ROW_PAD + i as f32 * row.style.leading();
            layout.text(x, line_top, row.style, line);
        }
        left += width;
    }
    layout.y += row.height;
    if kind != RowKind::Total {
        layout.rect(MARGIN, layout.y - 0.4, WIDTH, 0.4, RULE);
    }
}

/// A table's rows laid out, the header and the total apart.
struct Rows {
    header: Row,
    body: Vec<Row>,
    total: Option<Row>,
}

impl Rows {
    fn new(fonts: &Fonts, table: &Table, columns: &Columns, lang: Lang) -> Rows {
        let row = |cells: &[Cell], kind| {
            let texts: Vec<String> = cells.iter().map(|c| c.display(lang)).collect();
            lay_out_row(fonts, &texts, columns, kind)
        };
        Rows {
            header: lay_out_row(fonts, &table.columns, columns, RowKind::Header),
            body: table.rows.iter().map(|r| row(r, RowKind::Body)).collect(),
            total: table.total.as_ref().map(|r| row(r, RowKind::Total)),
        }
    }

    /// The height the header needs below it so as not to stand alone at a page's foot.
    fn start(&self) -> f32 {
        let first = self.body.first().or(self.total.as_ref());
        self.header.height + first.map_or(0.0, |r| r.height)
    }
}

/// A table: its title, its chart, its header, rows and total.
fn lay_out_table(layout: &mut Layout, table: &Table, lang: Lang) {
    let fonts = layout.fonts;
    let columns = columns(fonts, table, lang);
    let rows = Rows::new(fonts, table, &columns, lang);
    let bars = crate::charts::bars(table, lang);

    layout.space(14.0);
    let title_lines = wrap(fonts, &table.title, TABLE_TITLE, WIDTH).len();
    let title_height = title_lines as f32 * TABLE_TITLE.leading() + 4.0;
    // The title stays with what follows it: the first bar, or the header and a first row.
    let after_title = if bars.is_empty() {
        rows.start()
    } else {
        BAR_ROW
    };
    layout.keep(title_height + after_title);
    layout.paragraph(&table.title, TABLE_TITLE);
    layout.y += 4.0;
    if !bars.is_empty() {
        draw_chart(layout, &bars);
        layout.space(8.0);
        layout.keep(rows.start());
    }
    draw_rows(layout, &rows, &columns);
}

/// The rows under their header, and the header again at the top of every page they go on to.
fn draw_rows(layout: &mut Layout, rows: &Rows, columns: &Columns) {
    draw_row(layout, &rows.header, columns, RowKind::Header);
    let body = rows.body.iter().map(|r| (r, RowKind::Body));
    let total = rows.total.iter().map(|r| (r, RowKind::Total));
    for (row, kind) in body.chain(total) {
        if !layout.fits(row.height) {
            layout.new_page();
            draw_row(layout, &rows.header, columns, RowKind::Header);
        }
        draw_row(layout, row, columns, kind);
    }
}

// ---------------------------------------------------------------------------------------------
// Charts

/// Horizontal bars: labels right-aligned on the left, each bar as long as its value against
/// the largest, the value written after it. A hidden count has no bar, only "< 5".
fn draw_chart(layout: &mut Layout, bars: &[crate::charts::Bar]) {
    let fonts = layout.fonts;
    let largest = bars
        .iter()
        .filter_map(|b| b.value)
        .max()
        .unwrap_or(1)
        .max(1);
    let labels = WIDTH * CHART_LABELS;
    let widest_value = bars
        .iter()
        .map(|b| fonts.width(&b.shown, CHART))
        .fold(0.0, f32::max);
    let span = (WIDTH - labels - widest_value - 2.0 * CHART_GAP).max(0.0);
    for bar in bars {
        layout.keep(BAR_ROW);
        let top = layout.y;
        // The label and the value share a line centred on the bar.
        let line_top = top + (BAR_ROW - CHART.leading()) / 2.0;
        let label = fit(fonts, &bar.label, CHART, labels - CHART_GAP);
        let label_x = MARGIN + labels - CHART_GAP - fonts.width(&label, CHART);
        layout.text(label_x, line_top, CHART, &label);
        let length = bar
            .value
            .map_or(0.0, |v| v.max(0) as f32 / largest as f32 * span);
        if length > 0.0 {
            layout.rect(MARGIN + labels, top + 3.0, length, BAR_ROW - 6.0, BRAND);
        }
        let value_x = MARGIN + labels + length + CHART_GAP;
        layout.text(value_x, line_top, CHART, &bar.shown);
        layout.y += BAR_ROW;
    }
}

// ---------------------------------------------------------------------------------------------
// Writing

/// Identity-H fonts: the content streams address glyphs by their ids in the subset.
const IDENTITY: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// The glyphs a font draws: their ids in the subset, and the character each stands for, which
/// lets readers copy and search the text.
struct Glyphs {
    remapper: GlyphRemapper,
    chars: BTreeMap<u16, char>,
}

impl Glyphs {
    fn new() -> Glyphs {
        Glyphs {
            remapper: GlyphRemapper::new(),
            chars: BTreeMap::new(),
        }
    }

    /// The text as two-byte glyph ids of the subset.
    fn encode(&mut self, face: &Face, text: &str) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            let glyph = face.glyph(c);
            let id = self.remapper.remap(glyph);
            if glyph != 0 {
                self.chars.entry(id).or_insert(c);
            }
            bytes.extend(id.to_be_bytes());
        }
        bytes
    }
}

/// The objects of one embedded font.
struct FontRefs {
    type0: Ref,
    cid: Ref,
    descriptor: Ref,
    to_unicode: Ref,
    file: Ref,
}

impl FontRefs {
    fn new(next: &mut Ref) -> FontRefs {
        FontRefs {
            type0: next.bump(),
            cid: next.bump(),
            descriptor: next.bump(),
            to_unicode: next.bump(),
            file: next.bump(),
        }
    }
}

fn deflate(data: &[u8]) -> Result<Vec<u8>, PdfError> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data)?;
    Ok(encoder.finish()?)
}

fn font_resource(weight: Weight) -> Name<'static> {
    match weight {
        Weight::Regular => Name(b"F1"),
        Weight::Bold => Name(b"F2"),
    }
}

fn set_fill(content: &mut Content, Rgb(r, g, b): Rgb) {
    content.set_fill_rgb(
        f32::from(r) / 255.0,
        f32::from(g) / 255.0,
        f32::from(b) / 255.0,
    );
}

/// A page's content stream; PDF measures up from the bottom.
fn draw(fonts: &Fonts, glyphs: &mut [Glyphs; 2], marks: &[Mark]) -> Vec<u8> {
    let mut content = Content::new();
    for mark in marks {
        match mark {
            Mark::Rect {
                x,
                y,
                width,
                height,
                color,
            } => {
                set_fill(&mut content, *color);
                content
                    .rect(*x, PAGE_HEIGHT - y - height, *width, *height)
                    .fill_nonzero();
            }
            Mark::Text { x, y, style, text } => {
                let used = &mut glyphs[style.weight.index()];
                let encoded = used.encode(fonts.face(style.weight), text);
                set_fill(&mut content, style.color);
                content
                    .begin_text()
                    .set_font(font_resource(style.weight), style.size)
                    .set_text_matrix([1.0, 0.0, 0.0, 1.0, *x, PAGE_HEIGHT - y])
                    .show(Str(&encoded))
                    .end_text();
            }
        }
    }
    content.finish().into_vec()
}

/// A font as PDF wants it: a Type 0 font over a CID font over the subset's TrueType program,
/// with the advances the layout used and the characters behind the glyphs.
fn write_font(
    pdf: &mut Pdf,
    refs: &FontRefs,
    face: &Face,
    glyphs: &Glyphs,
) -> Result<(), PdfError> {
    let name = Name(face.name.as_bytes());
    let per_mille = |units: f32| units * 1000.0 / face.units_per_em;
    pdf.type0_font(refs.type0)
        .base_font(name)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(refs.cid)
        .to_unicode(refs.to_unicode);

    let mut cid = pdf.cid_font(refs.cid);
    cid.subtype(CidFontType::Type2)
        .base_font(name)
        .system_info(IDENTITY)
        .font_descriptor(refs.descriptor)
        .default_width(0.0)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    let widths: Vec<f32> = glyphs
        .remapper
        .remapped_gids()
        .map(|old| face.advance(old) * 1000.0)
        .collect();
    cid.widths().consecutive(0, widths);
    cid.finish();

    let bbox = face.face.global_bounding_box();
    let bold = face.face.is_bold();
    pdf.font_descriptor(refs.descriptor)
        .name(name)
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(
            per_mille(f32::from(bbox.x_min)),
            per_mille(f32::from(bbox.y_min)),
            per_mille(f32::from(bbox.x_max)),
            per_mille(f32::from(bbox.y_max)),
        ))
        .italic_angle(0.0)
        .ascent(per_mille(f32::from(face.face.ascender())))
        .descent(per_mille(f32::from(face.face.descender())))
        .cap_height(face.cap_height * 1000.0)
        .stem_v(if bold { 140.0 } else { 80.0 })
        .font_file2(refs.file);

    let mut cmap = UnicodeCmap::new(Name(b"Havre-UTF16"), IDENTITY);
    for (id, c) in &glyphs.chars {
        cmap.pair(*id, *c);
    }
    pdf.cmap(refs.to_unicode, &cmap.finish());

    let program = subsetter::subset(face.data, 0, &glyphs.remapper)?;
    let packed = deflate(&program)?;
    pdf.stream(refs.file, &packed)
        .filter(Filter::FlateDecode)
        .pair(Name(b"Length1"), program.len() as i32);
    Ok(())
}

fn write_bookmarks(
    pdf: &mut Pdf,
    root: Ref,
    next: &mut Ref,
    bookmarks: &[Bookmark],
    pages: &[Ref],
) {
    let items: Vec<Ref> = bookmarks.iter().map(|_| next.bump()).collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return;
    };
    pdf.outline(root)
        .first(*first)
        .last(*last)
        .count(items.len() as i32);
    for (i, (title, page)) in bookmarks.iter().enumerate() {
        let mut item = pdf.outline_item(items[i]);
        item.parent(root).title(TextStr(title));
        if i > 0 {
            item.prev(items[i - 1]);
        }
        if let Some(next) = items.get(i + 1) {
            item.next(*next);
        }
        if let Some(page) = pages.get(*page) {
            item.dest().page(*page).xyz(0.0, PAGE_HEIGHT, None);
        }
    }
}

fn write(
    fonts: &Fonts,
    pages: &[Page],
    bookmarks: &[Bookmark],
    title: &str,
    lang: Lang,
) -> Result<Vec<u8>, PdfError> {
    let mut pdf = Pdf::new();
    let mut next = Ref::new(1);
    let catalog = next.bump();
    let tree = next.bump();
    let info = next.bump();
    let outline = next.bump();
    let font_refs = [FontRefs::new(&mut next), FontRefs::new(&mut next)];
    let page_refs: Vec<(Ref, Ref)> = pages.iter().map(|_| (next.bump(), next.bump())).collect();

    let mut glyphs = [Glyphs::new(), Glyphs::new()];
    for (marks, (page, contents)) in pages.iter().zip(&page_refs) {
        let stream = deflate(&draw(fonts, &mut glyphs, marks))?;
        pdf.stream(*contents, &stream).filter(Filter::FlateDecode);
        let mut page = pdf.page(*page);
        page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .parent(tree)
            .contents(*contents);
        page.resources()
            .fonts()
            .pair(font_resource(Weight::Regular), font_refs[0].type0)
            .pair(font_resource(Weight::Bold), font_refs[1].type0);
    }
    let kids: Vec<Ref> = page_refs.iter().map(|(page, _)| *page).collect();
    pdf.pages(tree)
        .kids(kids.iter().copied())
        .count(kids.len() as i32);
    write_font(&mut pdf, &font_refs[0], &fonts.regular, &glyphs[0])?;
    write_font(&mut pdf, &font_refs[1], &fonts.bold, &glyphs[1])?;
    write_bookmarks(&mut pdf, outline, &mut next, bookmarks, &kids);

    let mut cat = pdf.catalog(catalog);
    cat.pages(tree).lang(TextStr(lang.code()));
    if !bookmarks.is_empty() {
        cat.outlines(outline).page_mode(PageMode::UseOutlines);
    }
    cat.viewer_preferences().display_doc_title(true);
    cat.finish();
    pdf.document_info(info)
        .title(TextStr(title))
        .creator(TextStr("Havre"))
        .producer(TextStr("Havre"));
    Ok(pdf.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};
    use std::process::Command;

    const NARRATIVE: &str = "Cette année, l’équipe a reçu « beaucoup » plus de demandes — \
        surtout des adolescentes. Le cœur du travail reste l’accompagnement, et nous avons \
        tenu à répondre à chaque demande dans la semaine, ce qui a demandé des efforts \
        soutenus à toute l’équipe.\n\nDeuxième paragraphe : les rencontres de groupe ont \
        repris à l’automne.\r\n\r\nTroisième paragraphe, court.";

    /// The groups table's columns, as the French translations word them: the widest table.
    const GROUP_COLUMNS: [&str; 10] = [
        "Groupe",
        "Début",
        "Femmes au début",
        "Femmes à la fin",
        "Rencontres",
        "Préparation",
        "Animation",
        "Rencontre d'information (femmes)",
        "Bilans mi-groupe (femmes)",
        "Heures investies",
    ];

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn table(key: &str, title: &str, columns: &[&str], rows: Vec<Vec<Cell>>) -> Table {
        Table {
            key: key.into(),
            title: title.into(),
            columns: columns.iter().map(|c| (*c).into()).collect(),
            rows,
            total: None,
            chart: None,
        }
    }

    fn sample() -> Vec<Section> {
        let mut services = table(
            "individual",
            "En résumé pour l’intervention individuelle",
            &[
                "Service",
                "Personnes",
                "Rencontres",
                "Durée",
                "Préparation",
                "Retour",
                "Déplacement",
                "Heures investies",
            ],
            vec![
                vec![
                    text("Rencontres individuelles en personne avec les survivantes"),
                    Cell::Count(1204),
                    Cell::Count(3456),
                    Cell::Minutes(1378 * 60 + 30),
                    Cell::Minutes(95),
                    Cell::Minutes(0),
                    Cell::Minutes(5),
                    Cell::Minutes(82_710),
                ],
                vec![
                    text("Suivis téléphoniques"),
                    Cell::Hidden,
                    Cell::Count(12),
                    Cell::Minutes(600),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Minutes(600),
                ],
            ],
        );
        services.total = Some(vec![
            text("Total"),
            Cell::Empty,
            Cell::Count(3468),
            Cell::Minutes(1388 * 60 + 30),
            Cell::Minutes(95),
            Cell::Minutes(0),
            Cell::Minutes(5),
            Cell::Minutes(83_310),
        ]);
        let mut ages = table(
            "profile-age",
            "Âge lors de la demande",
            &["Réponse", "Demandes", "Part"],
            vec![
                vec![text("12-17 ans"), Cell::Count(40), Cell::Percent(57)],
                vec![text("18 ans et plus"), Cell::Count(27), Cell::Percent(38)],
                vec![
                    text("Non demandé, ou la personne a préféré ne pas répondre à cette question"),
                    Cell::Hidden,
                    Cell::Hidden,
                ],
            ],
        );
        ages.chart = Some(1);
        let mut places = table(
            "by-place",
            "Animations par établissement",
            &["Établissement", "Animations", "Élèves"],
            (1..=120)
                .map(|i| {
                    vec![
                        text(&format!(
                            "École secondaire numéro {i} de la Côte-de-Beaupré"
                        )),
                        Cell::Count(i % 7 + 1),
                        Cell::Count(i * 13),
                    ]
                })
                .collect(),
        );
        places.total = Some(vec![text("Total"), Cell::Count(480), Cell::Count(94_380)]);
        let mut groups = table(
            "groups",
            "Groupes de cheminement",
            &GROUP_COLUMNS,
            vec![vec![
                text("Groupe de cheminement, automne"),
                text("2024-09-10"),
                Cell::Count(9),
                Cell::Count(7),
                Cell::Count(12),
                Cell::Minutes(1378 * 60 + 30),
                Cell::Minutes(2400),
                Cell::Count(14),
                Cell::Count(6),
                Cell::Minutes(12_345 * 60 + 15),
            ]],
        );
        groups.total = Some(vec![
            text("Total"),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Count(12),
            Cell::Minutes(1378 * 60 + 30),
            Cell::Minutes(2400),
            Cell::Empty,
            Cell::Empty,
            Cell::Minutes(12_345 * 60 + 15),
        ]);
        vec![
            Section {
                key: "individual".into(),
                title: "Intervention individuelle".into(),
                short_title: "Intervention individuelle".into(),
                narrative: Some(NARRATIVE.into()),
                tables: vec![services, ages],
            },
            Section {
                key: "prevention".into(),
                title: "Prévention, sensibilisation, formation et promotion".into(),
                short_title: "Prévention".into(),
                narrative: None,
                tables: vec![places],
            },
            Section {
                key: "groups".into(),
                title: "Intervention de groupe et cafés-rencontres".into(),
                short_title: "Groupes et cafés-rencontres".into(),
                narrative: Some("Les cœurs se sont ouverts.".into()),
                tables: vec![groups],
            },
        ]
    }

    fn texts(page: &Page) -> impl Iterator<Item = (&str, f32, f32, Style)> {
        page.iter().filter_map(|m| match m {
            Mark::Text { x, y, style, text } => Some((text.as_str(), *x, *y, *style)),
            Mark::Rect { .. } => None,
        })
    }

    #[test]
    fn widths_come_from_the_font() {
        let fonts = Fonts::load().unwrap();
        let regular = BODY;
        let bold = BODY.with_weight(Weight::Bold);
        assert!(fonts.width("iiii", regular) < fonts.width("MMMM", regular));
        assert!(fonts.width("Total", regular) < fonts.width("Total", bold));
        assert!(
            (fonts.width("ab", regular) * 2.0 - fonts.width("ab", regular.with_size(20.0))).abs()
                < 0.01
        );
        assert!(
            fonts.width("\u{202F}", regular) < fonts.width(" ", regular),
            "a narrow space is narrow"
        );
        assert_ne!(fonts.regular.glyph('\u{202F}'), 0, "the font has it");
        assert_ne!(fonts.regular.glyph('œ'), 0);
    }

    #[test]
    fn lines_break_at_spaces_but_not_at_no_break_spaces() {
        let fonts = Fonts::load().unwrap();
        let figure = "1\u{202F}378 h 30";
        let lines = wrap(&fonts, &format!("un deux trois {figure}"), BODY, 60.0);
        assert!(lines.iter().all(|l| fonts.width(l, BODY) <= 60.0 + EPSILON));
        assert!(
            lines.iter().any(|l| l.contains("1\u{202F}378")),
            "{lines:?}"
        );
        let long = wrap(&fonts, "Anticonstitutionnellement", BODY, 40.0);
        assert!(long.len() > 1 && long.concat() == "Anticonstitutionnellement");
        assert_eq!(wrap(&fonts, "", BODY, 40.0), vec![String::new()]);
        let label = fit(
            &fonts,
            "Non demandé, ou préféré ne pas répondre",
            BODY,
            80.0,
        );
        assert!(label.ends_with('…') && fonts.width(&label, BODY) <= 80.0 + EPSILON);
    }

    #[test]
    fn paragraphs_are_split_at_blank_lines() {
        assert_eq!(paragraphs(NARRATIVE).len(), 3);
        assert!(paragraphs("\n\n  \n\n").is_empty());
    }

    #[test]
    fn the_layout_stays_within_the_margins() {
        let fonts = Fonts::load().unwrap();
        let (pages, bookmarks) = lay_out(
            &fonts,
            "Rapport d’activité",
            "2024-2025",
            &sample(),
            Lang::Fr,
        );
        assert!(
            pages.len() >= 6,
            "the long table goes on over pages: {}",
            pages.len()
        );
        for (i, page) in pages.iter().enumerate() {
            for (text, x, y, style) in texts(page) {
                let right = x + fonts.width(text, style);
                assert!(
                    x >= MARGIN - EPSILON && right <= MARGIN + WIDTH + 0.05,
                    "page {i}: {text} from {x} to {right}"
                );
                let footer = y == FOOTER_BASELINE;
                assert!(
                    footer || (y > TOP && y <= BOTTOM),
                    "page {i}: {text} at {y}"
                );
            }
            for mark in page {
                if let Mark::Rect {
                    x,
                    y,
                    width,
                    height,
                    ..
                } = mark
                {
                    assert!(*x >= MARGIN - EPSILON && x + width <= MARGIN + WIDTH + EPSILON);
                    assert!(*y >= TOP - EPSILON && y + height <= BOTTOM + EPSILON);
                }
            }
        }
        let titles: Vec<&str> = bookmarks.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(titles[0], "Intervention individuelle");
        assert_eq!(
            bookmarks[0].1, 1,
            "the first section follows the title page"
        );
        // The long table's pages each start with its header; its total is bold.
        let (_, places) = bookmarks[1];
        let (_, groups) = bookmarks[2];
        assert!(groups - places >= 3);
        for page in &pages[places..groups] {
            let header = texts(page).filter(|(t, ..)| *t == "Établissement").count();
            assert_eq!(header, 1);
        }
        let total = texts(&pages[groups - 1]).find(|(t, ..)| *t == "Total");
        assert!(total.is_some_and(|(.., style)| style.weight == Weight::Bold));
        let footer = format!("3 / {}", pages.len());
        assert!(texts(&pages[2]).any(|(t, ..)| t == footer));
        assert!(
            texts(&pages[0]).all(|(.., y, _)| y != FOOTER_BASELINE),
            "no footer on the cover"
        );
    }

    #[test]
    fn the_labels_get_their_room_before_the_headers() {
        let sum = |w: &[f32]| w.iter().sum::<f32>();
        let roomy = share_width(&[50.0, 30.0], &[100.0, 40.0]).unwrap();
        assert_eq!(roomy[1], 40.0);
        assert!((sum(&roomy) - WIDTH).abs() < 0.01);
        let tight = share_width(&[100.0, 100.0, 100.0], &[250.0, 150.0, 200.0]).unwrap();
        assert_eq!(tight[0], 250.0, "the labels whole");
        assert!(
            ((tight[1] - 100.0) * 2.0 - (tight[2] - 100.0)).abs() < 0.01,
            "{tight:?}"
        );
        assert!((sum(&tight) - WIDTH).abs() < 0.01);
        let labels = share_width(&[100.0, 60.0], &[900.0, 90.0]).unwrap();
        assert_eq!(labels, vec![WIDTH - 60.0, 60.0]);
        assert!(share_width(&[300.0, 300.0], &[300.0, 300.0]).is_none());
        assert_eq!(share_width(&[], &[]), Some(vec![]));
    }

    #[test]
    fn ten_columns_fit_without_cutting_a_word() {
        let fonts = Fonts::load().unwrap();
        let sections = sample();
        let groups = &sections[2].tables[0];
        let columns = columns(&fonts, groups, Lang::Fr);
        assert!((columns.widths.iter().sum::<f32>() - WIDTH).abs() < 0.1);
        let header = lay_out_row(&fonts, &groups.columns, &columns, RowKind::Header);
        for (cell, title) in header.cells.iter().zip(GROUP_COLUMNS) {
            let words: Vec<&str> = cell.iter().flat_map(|l| l.split(' ')).collect();
            assert_eq!(words, title.split(' ').collect::<Vec<_>>(), "{cell:?}");
        }
        let row = lay_out_row(&fonts, &texts_of(&groups.rows[0]), &columns, RowKind::Body);
        assert_eq!(row.cells[1], vec!["2024-09-10"]);
        assert_eq!(row.cells[9], vec!["12\u{202F}345 h 15"]);
    }

    fn texts_of(row: &[Cell]) -> Vec<String> {
        row.iter().map(|c| c.display(Lang::Fr)).collect()
    }

    fn tool(name: &str) -> Option<PathBuf> {
        std::env::var_os("PATH")?
            .to_str()?
            .split(':')
            .map(|dir| Path::new(dir).join(name))
            .find(|p| p.is_file())
    }

    #[test]
    fn a_report_is_a_pdf_whose_french_text_reads_back_intact() {
        let bytes = document(
            "Rapport d’activité 2024-2025",
            "Centre d’aide et de lutte contre les agressions à caractère sexuel — version publiable",
            &sample(),
            Lang::Fr,
        )
        .unwrap();
        assert!(bytes.starts_with(b"%PDF"));
        let dir = std::env::temp_dir().join(format!("havre-pdf-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("rapport.pdf");
        std::fs::write(&file, &bytes).unwrap();
        // For looking at the pages: HAVRE_TEST_PDF_KEEP=/tmp/rapport.pdf cargo test …
        if let Some(keep) = std::env::var_os("HAVRE_TEST_PDF_KEEP") {
            std::fs::copy(&file, keep).unwrap();
        }
        // Copying "1 378 h 30" gives back its narrow no-break space: the glyph is mapped to it.
        let cmaps = String::from_utf8_lossy(&bytes);
        for c in ["202F", "00A0", "0153", "00AB", "2014"] {
            assert!(
                cmaps.contains(&format!("> <{c}>")),
                "U+{c} has no glyph mapped to it"
            );
        }
        if let Some(pdftotext) = tool("pdftotext") {
            // In drawing order: the physical layout's guesses at spaces join "< 5" into "<5".
            let out = Command::new(pdftotext)
                .arg("-raw")
                .arg(&file)
                .arg("-")
                .output()
                .unwrap();
            assert!(out.status.success());
            // Poppler writes every kind of space as a plain one.
            let plain = |s: &str| s.replace(['\u{202F}', '\u{A0}'], " ");
            let text = String::from_utf8(out.stdout).unwrap();
            for expected in [
                "Rapport d’activité",
                "« beaucoup »",
                "cœur",
                "—",
                "1\u{202F}378 h 30",
                "12\u{202F}345 h 15",
                "< 5",
                "57\u{A0}%",
                "Âge lors de la demande",
                "Troisième paragraphe",
                "École secondaire numéro 120",
            ] {
                assert!(
                    text.contains(&plain(expected)),
                    "{expected:?} missing from:\n{text}"
                );
            }
            let narrative = text.find("Troisième paragraphe").unwrap();
            let table = text.find("En résumé pour").unwrap();
            assert!(
                narrative < table,
                "the team's text comes before the figures"
            );
        } else {
            havre_store::testing::missing("pdftotext (poppler-utils) is not on PATH");
        }
        if let Some(pdftoppm) = tool("pdftoppm") {
            let out = Command::new(pdftoppm)
                .args(["-r", "40", "-png"])
                .arg(&file)
                .arg(dir.join("page"))
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(
                out.stderr.is_empty(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let fonts = Fonts::load().unwrap();
            let (pages, _) = lay_out(&fonts, "t", "s", &sample(), Lang::Fr);
            let pngs = std::fs::read_dir(&dir)
                .unwrap()
                .filter(|e| {
                    e.as_ref()
                        .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "png"))
                })
                .count();
            assert_eq!(pngs, pages.len(), "every page renders");
        } else {
            havre_store::testing::missing("pdftoppm (poppler-utils) is not on PATH");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn english_reports_and_empty_ones_are_written_too() {
        let bytes = document("Activity report", "", &sample(), Lang::En).unwrap();
        assert!(bytes.starts_with(b"%PDF"));
        let bytes = document("Rapport", "", &[], Lang::Fr).unwrap();
        assert!(bytes.starts_with(b"%PDF"));
    }
}
