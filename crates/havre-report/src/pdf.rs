//! The report as a printable PDF: US Letter (the paper in Québec's printers), portrait, 2 cm
//! margins. A title page lists the sections and their pages; each section then starts on a new
//! page with its title, the team's text, and its tables, a bar chart before those that have one.
//! Long tables go on over the next pages under their header again.
//!
//! The layout is done here, from the bundled font's own metrics, so that wrapping and right
//! alignment are what the printed page shows; krilla writes the objects and embeds only the
//! glyphs used. It is done in two passes, marks placed on pages and then written, since the
//! footers' "3 / 12" and the title page's list need the number of pages first.
//!
//! The PDF is tagged for screen readers, to PDF/UA-1 (docs/architecture.md): every mark placed
//! is either content, a leaf of the structure tree built alongside it in reading order (the
//! headings, paragraphs, the title page's list, each chart a figure with its alternative text,
//! each table with its header cells), or page furniture marked as an artifact that assistive
//! technology skips (footers, rules, fills, a table's header drawn again on the pages it goes
//! on to). krilla refuses to write a file that breaks the rules it can check.

use crate::tables::{Cell, Section, Table};
use havre_domain::text::Lang;
use krilla::color::rgb;
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, Node, SpanTag, TableHeaderScope, Tag, TagGroup,
    TagKind, TagTree,
};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};
use std::num::NonZeroU16;

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

/// The headings' levels: the report's title, a section's, a table's.
const H1: NonZeroU16 = NonZeroU16::MIN;
const H2: NonZeroU16 = NonZeroU16::new(2).unwrap();
const H3: NonZeroU16 = NonZeroU16::new(3).unwrap();

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
    /// krilla's own checks failed: a file that would not be accessible is not written.
    #[error("the PDF cannot be written: {0}")]
    Write(String),
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
    let laid = lay_out(&fonts, title, subtitle, sections, lang);
    write(&fonts, laid, title, lang, true)
}

// ---------------------------------------------------------------------------------------------
// Fonts

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Weight {
    Regular,
    Bold,
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

/// Characters PDF/UA forbids a glyph to stand for (krilla refuses them): drawn, and read, as
/// the replacement character.
const UNMAPPABLE: [char; 3] = ['\0', '\u{FEFF}', '\u{FFFE}'];

struct Face {
    face: ttf_parser::Face<'static>,
    /// The same font as krilla embeds it.
    font: Font,
    units_per_em: f32,
    /// The height of capitals, in ems: what centres a line of text in its box.
    cap_height: f32,
    /// The glyph drawn for a character the font lacks: the replacement character, "�". PDF/UA
    /// forbids the font's .notdef; the text copied or read aloud keeps the character typed.
    missing: u16,
}

impl Face {
    fn load(data: &'static [u8], name: &'static str) -> Result<Face, PdfError> {
        let face = ttf_parser::Face::parse(data, 0).map_err(|_| PdfError::Font(name))?;
        let font = Font::new(data.into(), 0).ok_or(PdfError::Font(name))?;
        let units_per_em = f32::from(face.units_per_em());
        let cap_height = face
            .capital_height()
            .filter(|h| *h > 0)
            .or_else(|| {
                let h = face.glyph_index('H')?;
                Some(face.glyph_bounding_box(h)?.y_max)
            })
            .map_or(0.73, |h| f32::from(h) / units_per_em);
        let missing = face
            .glyph_index('\u{FFFD}')
            .or_else(|| face.glyph_index('?'))
            .ok_or(PdfError::Font(name))?
            .0;
        Ok(Face {
            face,
            font,
            units_per_em,
            cap_height,
            missing,
        })
    }

    /// The glyph of a character; the replacement character's for what the font lacks.
    fn glyph(&self, c: char) -> u16 {
        if UNMAPPABLE.contains(&c) {
            return self.missing;
        }
        self.face.glyph_index(c).map_or(self.missing, |g| g.0)
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

    /// A line's glyphs, each with the character it stands for in `text` (which has the
    /// characters PDF/UA forbids replaced), so that the text copies and reads aloud as typed.
    fn glyphs(&self, text: &str) -> (String, Vec<KrillaGlyph>) {
        let text: String = text
            .chars()
            .map(|c| {
                if UNMAPPABLE.contains(&c) {
                    '\u{FFFD}'
                } else {
                    c
                }
            })
            .collect();
        let glyphs = text
            .char_indices()
            .map(|(i, c)| {
                let glyph = self.glyph(c);
                KrillaGlyph::new(
                    GlyphId::new(u32::from(glyph)),
                    self.advance(glyph),
                    0.0,
                    0.0,
                    0.0,
                    i..i + c.len_utf8(),
                    None,
                )
            })
            .collect();
        (text, glyphs)
    }
}

struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    fn load() -> Result<Fonts, PdfError> {
        Ok(Fonts {
            regular: Face::load(REGULAR_FONT, "DejaVuSans")?,
            bold: Face::load(BOLD_FONT, "DejaVuSans-Bold")?,
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

/// What a mark is to someone who reads the structure rather than the page.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Role {
    /// Content: the leaf of the structure tree it is read as.
    Content(usize),
    /// The footer's title and page number.
    Footer,
    /// A table's header drawn again at the top of a page the table goes on to: read once,
    /// where it first is.
    Repeated,
    /// Rules and fills, which say nothing of their own.
    Layout,
}

/// Something drawn on a page; `y` is measured down from the page's top edge.
#[derive(Clone, Debug)]
enum Mark {
    /// Text from its left end, on its baseline; empty for a table's empty cell, which is read
    /// as empty.
    Text {
        x: f32,
        y: f32,
        style: Style,
        text: String,
        role: Role,
    },
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        color: Rgb,
        role: Role,
    },
}

type Page = Vec<Mark>;

/// A section's entry in the PDF's bookmarks: its title and its page (0 is the title page).
type Bookmark = (String, usize);

/// A node of the structure tree as the layout builds it, in reading order: leaves are numbered
/// as they are placed, and become krilla's identifiers once drawn.
enum Child {
    Group(TagKind, Vec<Child>),
    Leaf(usize),
}

/// The report laid out: its pages, its bookmarks, its structure and how many leaves it has.
struct Laid {
    pages: Vec<Page>,
    bookmarks: Vec<Bookmark>,
    structure: Vec<Child>,
    leaves: usize,
}

struct Layout<'f> {
    fonts: &'f Fonts,
    pages: Vec<Page>,
    /// Where the next thing goes, down from the page's top.
    y: f32,
    /// The structure's groups still open, innermost last, each with its children so far.
    open: Vec<(TagKind, Vec<Child>)>,
    /// The structure's top-level nodes done.
    structure: Vec<Child>,
    /// The next leaf's number.
    leaves: usize,
}

impl<'f> Layout<'f> {
    /// A layout whose leaves are numbered from `first_leaf`: the title page is laid out after
    /// the sections, whose leaves come first.
    fn new(fonts: &'f Fonts, first_leaf: usize) -> Layout<'f> {
        Layout {
            fonts,
            pages: Vec::new(),
            y: TOP,
            open: Vec::new(),
            structure: Vec::new(),
            leaves: first_leaf,
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

    /// Opens a group of the structure: what is placed until it is closed belongs to it.
    fn open(&mut self, kind: impl Into<TagKind>) {
        self.open.push((kind.into(), Vec::new()));
    }

    fn close(&mut self) {
        if let Some((kind, children)) = self.open.pop() {
            self.add(Child::Group(kind, children));
        }
    }

    fn add(&mut self, child: Child) {
        match self.open.last_mut() {
            Some((_, children)) => children.push(child),
            None => self.structure.push(child),
        }
    }

    /// A new leaf of the structure, in the group open.
    fn leaf(&mut self) -> Role {
        let leaf = self.leaves;
        self.leaves += 1;
        self.add(Child::Leaf(leaf));
        Role::Content(leaf)
    }

    fn mark(&mut self, mark: Mark) {
        if let Some(page) = self.pages.last_mut() {
            page.push(mark);
        }
    }

    /// A line of text whose box starts at `top`.
    fn put(&mut self, x: f32, top: f32, style: Style, text: &str, role: Role) {
        let y = self.fonts.baseline(top, style);
        self.mark(Mark::Text {
            x,
            y,
            style,
            text: text.to_owned(),
            role,
        });
    }

    /// A line of the content, read in the group open.
    fn text(&mut self, x: f32, top: f32, style: Style, text: &str) {
        if text.is_empty() {
            return;
        }
        let role = self.leaf();
        self.put(x, top, style, text, role);
    }

    fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, color: Rgb, role: Role) {
        self.mark(Mark::Rect {
            x,
            y,
            width,
            height,
            color,
            role,
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

    /// A paragraph read as one element of the structure (a heading, a paragraph); nothing
    /// for an empty text.
    fn block(&mut self, kind: impl Into<TagKind>, text: &str, style: Style) {
        if text.trim().is_empty() {
            return;
        }
        self.open(kind);
        self.paragraph(text, style);
        self.close();
    }

    fn finish(self) -> (Vec<Page>, Vec<Child>, usize) {
        (self.pages, self.structure, self.leaves)
    }
}

/// A heading of `level`: its text is also its title, which PDF/UA asks for.
fn heading(level: NonZeroU16, text: &str) -> TagKind {
    Tag::Hn(level, Some(text.to_owned())).into()
}

/// The report's pages, marks on each, the sections' bookmarks and the structure: the title
/// page first, then the sections.
fn lay_out(fonts: &Fonts, title: &str, subtitle: &str, sections: &[Section], lang: Lang) -> Laid {
    let mut layout = Layout::new(fonts, 0);
    let starts: Vec<usize> = sections
        .iter()
        .map(|s| lay_out_section(&mut layout, s, lang))
        .collect();
    let (section_pages, section_structure, section_leaves) = layout.finish();
    let cover = |cover_pages| {
        let cover = Cover {
            title,
            subtitle,
            sections,
            starts: &starts,
            cover_pages,
        };
        title_page(fonts, &cover, section_leaves)
    };
    let mut front = cover(1);
    if front.0.len() > 1 {
        // A list of sections too long for one page: the page numbers it shows move on.
        front = cover(front.0.len());
    }
    let (mut pages, mut structure, leaves) = front;
    let offset = pages.len();
    pages.extend(section_pages);
    structure.extend(section_structure);
    add_footers(fonts, &mut pages, title);
    let bookmarks = sections
        .iter()
        .zip(&starts)
        .map(|(s, start)| (s.title.clone(), start + offset))
        .collect();
    Laid {
        pages,
        bookmarks,
        structure,
        leaves,
    }
}

/// What the title page shows: the title, the subtitle, then each section's title with the
/// page it starts on (counting `cover_pages` before the first section).
struct Cover<'a> {
    title: &'a str,
    subtitle: &'a str,
    sections: &'a [Section],
    starts: &'a [usize],
    cover_pages: usize,
}

fn title_page(fonts: &Fonts, cover: &Cover, first_leaf: usize) -> (Vec<Page>, Vec<Child>, usize) {
    let mut layout = Layout::new(fonts, first_leaf);
    layout.new_page();
    layout.y = TOP + 150.0;
    layout.block(heading(H1, cover.title), cover.title, TITLE);
    layout.y += 6.0;
    layout.block(Tag::P, cover.subtitle, SUBTITLE);
    layout.y += 36.0;
    layout.rect(MARGIN, layout.y, WIDTH, 1.0, BRAND, Role::Layout);
    layout.y += 14.0;
    let number_width = 40.0;
    layout.open(Tag::TOC);
    for (section, start) in cover.sections.iter().zip(cover.starts) {
        let lines = wrap(fonts, &section.title, CONTENTS, WIDTH - number_width);
        let leading = CONTENTS.leading() + 2.0;
        layout.keep(leading * lines.len() as f32);
        layout.open(Tag::TOCI);
        layout.open(Tag::P);
        // The title, then its page: the order they are read in.
        let top = layout.y;
        for line in lines {
            layout.text(MARGIN, layout.y, CONTENTS, &line);
            layout.y += leading;
        }
        let number = (start + cover.cover_pages + 1).to_string();
        let right = MARGIN + WIDTH - fonts.width(&number, CONTENTS);
        layout.text(right, top, CONTENTS, &number);
        layout.close();
        layout.close();
    }
    layout.close();
    layout.finish()
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
            role: Role::Footer,
        });
        page.push(Mark::Text {
            x: MARGIN + WIDTH - number_width,
            y,
            style: FOOTER,
            text: number,
            role: Role::Footer,
        });
    }
}

/// A section from a new page: title, the team's text, then the tables. Returns the index of
/// its first page among the sections' pages.
fn lay_out_section(layout: &mut Layout, section: &Section, lang: Lang) -> usize {
    layout.new_page();
    let start = layout.pages.len() - 1;
    layout.open(Tag::Section);
    layout.block(heading(H2, &section.title), &section.title, HEADING);
    layout.y += 8.0;
    if let Some(lead) = &section.lead {
        layout.block(Tag::P, lead, BODY);
        layout.space(BODY.size * 0.6);
    }
    if let Some(text) = &section.narrative {
        for paragraph in paragraphs(text) {
            layout.block(Tag::P, &paragraph, BODY);
            layout.space(BODY.size * 0.6);
        }
    }
    for table in &section.tables {
        lay_out_table(layout, table, lang);
    }
    layout.close();
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

/// A row: its fill or rule, its cells' lines. Read as a row of the table, its first cell a
/// header for the others (the header row's cells each one for their column); drawn again at
/// the top of a page, it is `repeated` and not read again.
fn draw_row(layout: &mut Layout, row: &Row, columns: &Columns, kind: RowKind, repeated: bool) {
    let top = layout.y;
    match kind {
        RowKind::Header => layout.rect(MARGIN, top, WIDTH, row.height, HEADER_FILL, Role::Layout),
        RowKind::Total => layout.rect(MARGIN, top, WIDTH, 0.8, INK, Role::Layout),
        RowKind::Body => {}
    }
    if !repeated {
        layout.open(Tag::TR);
    }
    let mut left = MARGIN;
    for (col, lines) in row.cells.iter().enumerate() {
        let width = columns.widths[col];
        if !repeated {
            let cell: TagKind = match (kind, col) {
                (RowKind::Header, _) => Tag::TH(TableHeaderScope::Column).into(),
                (_, 0) => Tag::TH(TableHeaderScope::Row).into(),
                _ => Tag::TD.into(),
            };
            layout.open(cell);
        }
        for (i, line) in lines.iter().enumerate().filter(|(_, l)| !l.is_empty()) {
            let x = if columns.figures[col] {
                left + width - columns.pad - layout.fonts.width(line, row.style)
            } else {
                left + columns.pad
            };
            let line_top = top + ROW_PAD + i as f32 * row.style.leading();
            let role = if repeated {
                Role::Repeated
            } else {
                layout.leaf()
            };
            layout.put(x, line_top, row.style, line, role);
        }
        if !repeated {
            if lines.iter().all(String::is_empty) {
                // An empty cell is still a cell: the next ones keep their columns.
                let role = layout.leaf();
                layout.put(left + columns.pad, top + ROW_PAD, row.style, "", role);
            }
            layout.close();
        }
        left += width;
    }
    if !repeated {
        layout.close();
    }
    layout.y += row.height;
    if kind != RowKind::Total {
        layout.rect(MARGIN, layout.y - 0.4, WIDTH, 0.4, RULE, Role::Layout);
    }
}

/// A table: its title (a heading), its chart (a figure), then the table itself.
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
    layout.block(heading(H3, &table.title), &table.title, TABLE_TITLE);
    layout.y += 4.0;
    if !bars.is_empty() {
        layout.open(Tag::Figure(Some(chart_description(table))));
        draw_chart(layout, &bars);
        layout.close();
        layout.space(8.0);
        layout.keep(rows.start());
    }
    layout.open(Tag::Table);
    draw_rows(layout, &rows, &columns);
    layout.close();
}

/// The rows under their header, and the header again at the top of every page they go on to.
fn draw_rows(layout: &mut Layout, rows: &Rows, columns: &Columns) {
    layout.open(Tag::THead);
    draw_row(layout, &rows.header, columns, RowKind::Header, false);
    layout.close();
    let groups: [(TagKind, Vec<(&Row, RowKind)>); 2] = [
        (
            Tag::TBody.into(),
            rows.body.iter().map(|r| (r, RowKind::Body)).collect(),
        ),
        (
            Tag::TFoot.into(),
            rows.total.iter().map(|r| (r, RowKind::Total)).collect(),
        ),
    ];
    for (group, rows_in_it) in groups {
        if rows_in_it.is_empty() {
            continue;
        }
        layout.open(group);
        for (row, kind) in rows_in_it {
            if !layout.fits(row.height) {
                layout.new_page();
                draw_row(layout, &rows.header, columns, RowKind::Header, true);
            }
            draw_row(layout, row, columns, kind, false);
        }
        layout.close();
    }
}

// ---------------------------------------------------------------------------------------------
// Charts

/// What a chart says, for those who do not see it: the table's title and the column drawn,
/// whose figures the table after it gives row by row.
fn chart_description(table: &Table) -> String {
    match table.chart.and_then(|c| table.columns.get(c)) {
        Some(column) => format!("{} — {column}", table.title),
        None => table.title.clone(),
    }
}

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
            let role = layout.leaf();
            layout.rect(
                MARGIN + labels,
                top + 3.0,
                length,
                BAR_ROW - 6.0,
                BRAND,
                role,
            );
        }
        let value_x = MARGIN + labels + length + CHART_GAP;
        layout.text(value_x, line_top, CHART, &bar.shown);
        layout.y += BAR_ROW;
    }
}

// ---------------------------------------------------------------------------------------------
// Writing

fn fill(Rgb(r, g, b): Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        ..Fill::default()
    }
}

/// Marks the content that follows: a leaf of the structure, whose identifier is kept for the
/// tree, or an artifact.
fn start(surface: &mut Surface, role: Role, text: bool, leaves: &mut [Option<Identifier>]) {
    let artifact = |kind| ContentTag::Artifact(Artifact::with_kind(kind));
    let tag = match role {
        Role::Content(_) if text => ContentTag::Span(SpanTag::empty()),
        Role::Content(_) => ContentTag::Other,
        Role::Footer => artifact(ArtifactType::Footer),
        Role::Repeated => artifact(ArtifactType::PaginationOther),
        Role::Layout => artifact(ArtifactType::Layout),
    };
    let id = surface.start_tagged(tag);
    if let Role::Content(leaf) = role
        && let Some(slot) = leaves.get_mut(leaf)
    {
        *slot = Some(id);
    }
}

fn draw(surface: &mut Surface, fonts: &Fonts, mark: &Mark, leaves: &mut [Option<Identifier>]) {
    match mark {
        Mark::Rect {
            x,
            y,
            width,
            height,
            color,
            role,
        } => {
            let mut path = PathBuilder::new();
            if let Some(rect) = krilla::geom::Rect::from_xywh(*x, *y, *width, *height) {
                path.push_rect(rect);
            }
            start(surface, *role, false, leaves);
            if let Some(path) = path.finish() {
                surface.set_fill(Some(fill(*color)));
                surface.draw_path(&path);
            }
            surface.end_tagged();
        }
        Mark::Text {
            x,
            y,
            style,
            text,
            role,
        } => {
            start(surface, *role, true, leaves);
            if !text.is_empty() {
                let face = fonts.face(style.weight);
                let (text, glyphs) = face.glyphs(text);
                surface.set_fill(Some(fill(style.color)));
                surface.draw_glyphs(
                    Point::from_xy(*x, *y),
                    &glyphs,
                    face.font.clone(),
                    &text,
                    style.size,
                    false,
                );
            }
            surface.end_tagged();
        }
    }
}

/// The structure with krilla's identifiers for its leaves, each used once.
fn node(child: Child, leaves: &mut [Option<Identifier>]) -> Option<Node> {
    match child {
        Child::Leaf(leaf) => leaves.get_mut(leaf)?.take().map(Node::Leaf),
        Child::Group(kind, children) => {
            let children = children
                .into_iter()
                .filter_map(|c| node(c, leaves))
                .collect();
            Some(TagGroup::with_children(kind, children).into())
        }
    }
}

/// The file, checked against PDF/UA-1 by krilla as it is written. `compress` is off only for
/// tests that read its objects.
fn write(
    fonts: &Fonts,
    laid: Laid,
    title: &str,
    lang: Lang,
    compress: bool,
) -> Result<Vec<u8>, PdfError> {
    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| PdfError::Write(format!("{e:?}")))?;
    let mut document = Document::new_with(SerializeSettings {
        configuration,
        enable_tagging: true,
        compress_content_streams: compress,
        ..SerializeSettings::default()
    });
    let size = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
        .ok_or_else(|| PdfError::Write("US Letter".into()))?;
    let mut leaves: Vec<Option<Identifier>> = vec![None; laid.leaves];
    for marks in &laid.pages {
        let mut page = document.start_page_with(size.clone());
        let mut surface = page.surface();
        for mark in marks {
            draw(&mut surface, fonts, mark, &mut leaves);
        }
        surface.finish();
        page.finish();
    }

    let mut outline = Outline::new();
    for (title, page) in laid.bookmarks {
        let top = XyzDestination::new(page, Point::from_xy(0.0, 0.0));
        outline.push_child(OutlineNode::new(title, top));
    }
    document.set_outline(outline);
    let mut tree = TagTree::new().with_lang(Some(lang.code().to_owned()));
    for child in laid.structure {
        if let Some(node) = node(child, &mut leaves) {
            tree.push(node);
        }
    }
    document.set_tag_tree(tree);
    document.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .language(lang.code().to_owned())
            .creator("Havre".to_owned()),
    );
    document.finish().map_err(|e| match e {
        krilla::error::KrillaError::Validation(errors) => {
            let errors: Vec<_> = errors.iter().map(|(e, _)| e).collect();
            PdfError::Write(format!("{errors:?}"))
        }
        e => PdfError::Write(e.to_string()),
    })
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
                lead: None,
                narrative: Some(NARRATIVE.into()),
                tables: vec![services, ages],
            },
            Section {
                key: "prevention".into(),
                title: "Prévention, sensibilisation, formation et promotion".into(),
                short_title: "Prévention".into(),
                lead: None,
                narrative: None,
                tables: vec![places],
            },
            Section {
                key: "groups".into(),
                title: "Intervention de groupe et cafés-rencontres".into(),
                short_title: "Groupes et cafés-rencontres".into(),
                lead: None,
                narrative: Some("Les cœurs se sont ouverts.".into()),
                tables: vec![groups],
            },
        ]
    }

    fn texts(page: &Page) -> impl Iterator<Item = (&str, f32, f32, Style)> {
        page.iter().filter_map(|m| match m {
            Mark::Text {
                x, y, style, text, ..
            } => Some((text.as_str(), *x, *y, *style)),
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
        let Laid {
            pages, bookmarks, ..
        } = lay_out(
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
        // Copying "1 378 h 30" gives back its narrow no-break space: the glyph is mapped to it
        // (read in a copy written without compression).
        let fonts = Fonts::load().unwrap();
        let laid = lay_out(&fonts, "Rapport", "", &sample(), Lang::Fr);
        let plain = write(&fonts, laid, "Rapport", Lang::Fr, false).unwrap();
        let cmaps = String::from_utf8_lossy(&plain);
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
        // PDF/UA-1, by a checker independent of krilla (docs/architecture.md).
        let pdfua = Command::new("python3")
            .args(["-c", "import pdfua"])
            .output()
            .is_ok_and(|out| out.status.success());
        if pdfua {
            let out = Command::new("python3")
                .args(["-m", "pdfua", "check"])
                .arg(&file)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "PDF/UA-1: {}",
                String::from_utf8_lossy(&out.stdout)
            );
        } else {
            havre_store::testing::missing(
                "pdfua (the PDF/UA-1 checker .ci/run installs) is missing",
            );
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
            let pages = lay_out(&fonts, "t", "s", &sample(), Lang::Fr).pages;
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

    fn name(kind: &TagKind) -> String {
        let name = match kind {
            TagKind::Hn(_) => return format!("H{}", kind.level().unwrap()),
            TagKind::TH(_) => return format!("TH {:?}", kind.scope().unwrap()),
            TagKind::Section(_) => "Sect",
            TagKind::P(_) => "P",
            TagKind::TOC(_) => "TOC",
            TagKind::TOCI(_) => "TOCI",
            TagKind::Figure(_) => "Figure",
            TagKind::Table(_) => "Table",
            TagKind::THead(_) => "THead",
            TagKind::TBody(_) => "TBody",
            TagKind::TFoot(_) => "TFoot",
            TagKind::TR(_) => "TR",
            TagKind::TD(_) => "TD",
            _ => "?",
        };
        name.into()
    }

    fn groups(children: &[Child]) -> Vec<(&TagKind, &[Child])> {
        children
            .iter()
            .filter_map(|c| match c {
                Child::Group(kind, children) => Some((kind, children.as_slice())),
                Child::Leaf(_) => None,
            })
            .collect()
    }

    fn names(children: &[Child]) -> Vec<String> {
        groups(children).iter().map(|(k, _)| name(k)).collect()
    }

    /// The leaves under `children`, in reading order.
    fn leaves(children: &[Child], out: &mut Vec<usize>) {
        for child in children {
            match child {
                Child::Leaf(leaf) => out.push(*leaf),
                Child::Group(_, children) => leaves(children, out),
            }
        }
    }

    #[test]
    fn the_structure_is_read_in_order_with_headings_figures_and_table_headers() {
        let fonts = Fonts::load().unwrap();
        let laid = lay_out(
            &fonts,
            "Rapport d’activité",
            "2024-2025",
            &sample(),
            Lang::Fr,
        );
        // Each piece of content is read once; the rest is furniture.
        let mut read = Vec::new();
        leaves(&laid.structure, &mut read);
        let mut sorted = read.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..laid.leaves).collect::<Vec<_>>());
        let mut text = vec![String::new(); laid.leaves];
        for (i, page) in laid.pages.iter().enumerate() {
            for mark in page {
                match mark {
                    Mark::Text {
                        text: t,
                        role: Role::Content(leaf),
                        ..
                    } => text[*leaf] = t.clone(),
                    Mark::Text { text: t, role, .. } => assert!(
                        *role == Role::Footer || (*role == Role::Repeated && i > 1),
                        "{t} is not read"
                    ),
                    Mark::Rect { role, color, .. } => {
                        assert_eq!(
                            *role == Role::Layout,
                            *color != BRAND || i == 0,
                            "only the chart's bars are read"
                        )
                    }
                }
            }
        }
        let spoken: Vec<&str> = read.iter().map(|l| text[*l].as_str()).collect();
        let at = |s: &str| spoken.iter().position(|t| *t == s).unwrap();
        assert!(at("Rapport d’activité") < at("2024-2025"));
        assert!(at("2024-2025") < at("Intervention individuelle"));
        assert!(
            at("Intervention individuelle") < at("2"),
            "a section, then its page"
        );
        assert!(at("Service") < at("Personnes") && at("Personnes") < at("Suivis téléphoniques"));

        assert_eq!(
            names(&laid.structure),
            ["H1", "P", "TOC", "Sect", "Sect", "Sect"]
        );
        let top = groups(&laid.structure);
        assert_eq!(names(top[2].1), ["TOCI"; 3]);
        let individual = top[3].1;
        assert_eq!(
            names(individual),
            ["H2", "P", "P", "P", "H3", "Table", "H3", "Figure", "Table"]
        );
        let parts = groups(individual);
        assert_eq!(parts[0].0.title(), Some("Intervention individuelle"));
        assert_eq!(
            parts[7].0.alt_text(),
            Some("Âge lors de la demande — Demandes"),
            "the chart says what it shows"
        );
        let table = groups(parts[5].1);
        assert_eq!(names(parts[5].1), ["THead", "TBody", "TFoot"]);
        let header = groups(table[0].1);
        assert_eq!(names(header[0].1), ["TH Column"; 8]);
        for (_, row) in groups(table[1].1).into_iter().chain(groups(table[2].1)) {
            let cells = names(row);
            assert_eq!(cells[0], "TH Row", "each row's label heads it");
            assert_eq!(cells[1..], ["TD"; 7], "empty cells keep their place");
        }
        // The long table: its header is read once, not on every page it goes on to.
        let places = groups(groups(top[4].1)[2].1);
        assert_eq!(names(groups(places[1].1)[0].1).len(), 3);
        assert_eq!(spoken.iter().filter(|t| **t == "Établissement").count(), 1);
    }

    #[test]
    fn characters_the_font_lacks_are_drawn_and_kept() {
        let fonts = Fonts::load().unwrap();
        let face = &fonts.regular;
        assert_ne!(face.missing, 0, "not .notdef, which PDF/UA forbids");
        assert_eq!(face.glyph('🌱'), face.missing);
        assert_eq!(face.glyph('\u{FEFF}'), face.missing);
        let (text, glyphs) = face.glyphs("a🌱\u{FEFF}");
        assert_eq!(
            text, "a🌱\u{FFFD}",
            "copied as typed, but for what PDF/UA forbids"
        );
        assert_eq!(glyphs[1].text_range, 1..5);
        let mut sections = sample();
        sections[0].narrative = Some("Merci 🌱 à toutes\u{FEFF}, 感谢".into());
        assert!(document("Rapport 🌱", "", &sections, Lang::Fr).is_ok());
    }

    #[test]
    fn english_reports_and_empty_ones_are_written_too() {
        let bytes = document("Activity report", "", &sample(), Lang::En).unwrap();
        assert!(bytes.starts_with(b"%PDF"));
        let bytes = document("Rapport", "", &[], Lang::Fr).unwrap();
        assert!(bytes.starts_with(b"%PDF"));
    }
}
