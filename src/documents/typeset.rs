//! A small typesetter for court documents (settlement agreements, 执行通知书 …) on top of printpdf.
//!
//! ```ignore
//! let fonts = FontSet::load(&FontConfig::default())?;          // once per process
//! let mut d = Doc::new(&fonts, DocMeta { title: "执前和解协议书".into(), author: court.into(),
//!                                        subject: String::new(), created: chrono::Utc::now() });
//! d.court_header("东营市东营区人民法院");
//! d.title("执前和解协议书");
//! d.right_line("（2026）鲁0502执前调12号");
//! d.table(&[32.0, 124.0], &[vec!["申请执行人".into(), "王喆，男，……".into()]]);
//! d.para("申请执行人王喆与被执行人……");
//! d.signature_block(&[SignatureSlot { label: "申请执行人".into(), name: "王喆".into(),
//!                                     image_png: None, signed_at: None }]);
//! d.seal_date_block("东营市东营区人民法院", "二〇二六年十一月二十七日");
//! d.footer_note("协议文本 SHA-256：…");
//! d.qr("https://…/verify/…");
//! let pdf: Vec<u8> = d.finish()?;
//! ```
//!
//! Page: A4, margins after GB/T 9704-2012 (top 37 mm, left 28 mm, right 26 mm, bottom 35 mm; text
//! block 156 × 225 mm), body 3号 (16 pt) 仿宋 on a 22-line grid (28 characters a line, as Word's
//! character grid does: full lines may be tightened by up to 0.04 em a character), titles 2号
//! (22 pt). Lines are justified by character spacing (`Tc`); the last line of a paragraph is left
//! aligned. Builder methods never fail: the first problem (a character no font has, a bad image)
//! is kept and returned by [`Doc::finish`], so a document is never produced with a hole in it.
//!
//! How it is fast: printpdf builds the document skeleton (catalog, page tree, info dictionary
//! with dates, image XObjects) through `to_lopdf_document`, but the fonts, the page content
//! streams and the image data are written by this module, already compressed:
//! * font subsets come from [`FontFace::embed`](crate::documents::fonts::FontFace::embed)
//!   (typst's `subsetter`, memoized per face and glyph set), not printpdf's allsorts path with
//!   level-9 zlib, which took 10–25 ms a document;
//! * every stream goes through [`zlib`] at level 1, and the finished lopdf document is saved
//!   without `compress()`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use printpdf::{
    DictItem, ExternalStream, ExternalXObject, Mm, OffsetDateTime, PdfDocument, PdfPage,
    PdfSaveOptions, RawImage, RawImageData, RawImageFormat, XObject, XObjectId,
};

use crate::documents::compress::zlib;
use crate::documents::fonts::FontSet;
use crate::documents::layout::{break_lines, Glyph, Line, Shaper};
use crate::error::{Error, Result};

/// A stream object whose content is already encoded (no further compression by lopdf). A macro
/// because printpdf hands out lopdf values without re-exporting lopdf, so its types cannot be named.
macro_rules! stream_obj {
    ($dict:expr, $content:expr) => {
        DictItem::Stream {
            stream: ExternalStream { dict: $dict, content: $content, compress: false },
        }
        .to_lopdf()
    };
}

const PT_PER_MM: f32 = 72.0 / 25.4;
/// A4 in points.
pub const PAGE_W: f32 = 210.0 * PT_PER_MM;
pub const PAGE_H: f32 = 297.0 * PT_PER_MM;
/// GB/T 9704 margins (mm).
pub const MARGIN_TOP_MM: f32 = 37.0;
pub const MARGIN_LEFT_MM: f32 = 28.0;
pub const MARGIN_RIGHT_MM: f32 = 26.0;
pub const MARGIN_BOTTOM_MM: f32 = 35.0;
/// 3号 and 2号 in points.
pub const BODY_SIZE: f32 = 16.0;
pub const TITLE_SIZE: f32 = 22.0;
/// Table text: 4号.
pub const TABLE_SIZE: f32 = 14.0;
/// Lines per page of body text.
pub const LINES_PER_PAGE: f32 = 22.0;
/// How much a line may be tightened per character to take one more (em).
const MAX_SHRINK_EM: f32 = 0.04;

fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

/// Document metadata (PDF Info dictionary).
#[derive(Debug, Clone)]
pub struct DocMeta {
    pub title: String,
    /// The court (or clerk) producing the document.
    pub author: String,
    pub subject: String,
    /// Creation time; also used as the modification time.
    pub created: chrono::DateTime<chrono::Utc>,
}

/// A place to sign in [`Doc::signature_block`].
#[derive(Debug, Clone)]
pub struct SignatureSlot {
    /// Role, e.g. "申请执行人".
    pub label: String,
    /// Printed name.
    pub name: String,
    /// Handwritten signature captured on screen (PNG); `None` leaves a line for wet ink.
    pub image_png: Option<Vec<u8>>,
    /// When it was signed, as it should be printed (e.g. "2026年11月27日 10:32").
    pub signed_at: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Align {
    Justify,
    Left,
    Center,
    Right,
}

/// A positioned line of text.
struct TextLine {
    x: f32,
    baseline: f32,
    size: f32,
    /// Character spacing in points.
    tc: f32,
    glyphs: Vec<Glyph>,
}

#[derive(Default)]
struct PageBuf {
    texts: Vec<TextLine>,
    /// Raw content-stream operators for lines, rectangles and images.
    gfx: String,
}

struct ImageRes {
    name: String,
    width: usize,
    height: usize,
    gray: bool,
    zlib: Vec<u8>,
    /// PNG-predicted data taken over from the PNG as is (`/DecodeParms /Predictor 15`).
    png_predicted: bool,
    /// Soft mask (width, height, 8-bit alpha as zlib) for a one-colour image with transparency.
    smask: Option<(usize, usize, Vec<u8>)>,
}

/// The ink colour of an RGBA image drawn in one colour (all clearly visible pixels within a small
/// tolerance of the most opaque one), as RGB.
fn single_ink(px: &[u8], bgr: bool) -> Option<[u8; 3]> {
    let mut best = None;
    let mut best_a = 0u8;
    for p in px.chunks_exact(4) {
        if p[3] > best_a {
            best_a = p[3];
            best = Some([p[0], p[1], p[2]]);
        }
    }
    let ink = best?;
    if best_a < 128 {
        return None;
    }
    for p in px.chunks_exact(4) {
        if p[3] >= 96 && (0..3).any(|k| (p[k] as i16 - ink[k] as i16).abs() > 24) {
            return None;
        }
    }
    Some(if bgr { [ink[2], ink[1], ink[0]] } else { ink })
}

/// An 8-bit, non-interlaced grey or RGB PNG without transparency: its IDAT stream is already what a
/// PDF `/FlateDecode` filter with PNG predictors reads, so it is embedded without decoding.
fn png_passthrough(png: &[u8]) -> Option<(usize, usize, bool, Vec<u8>)> {
    if png.len() < 33 || &png[..8] != b"\x89PNG\r\n\x1a\n" || &png[12..16] != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(png[16..20].try_into().ok()?) as usize;
    let h = u32::from_be_bytes(png[20..24].try_into().ok()?) as usize;
    let (depth, ctype, interlace) = (png[24], png[25], png[28]);
    if depth != 8 || interlace != 0 || !(ctype == 0 || ctype == 2) {
        return None;
    }
    let mut idat = Vec::new();
    let mut p = 8;
    while p + 12 <= png.len() {
        let len = u32::from_be_bytes(png[p..p + 4].try_into().ok()?) as usize;
        let ty = &png[p + 4..p + 8];
        let data = png.get(p + 8..p + 8 + len)?;
        match ty {
            b"IDAT" => idat.extend_from_slice(data),
            b"tRNS" => return None, // transparency: needs flattening
            b"IEND" => break,
            _ => {}
        }
        p += 12 + len;
    }
    if idat.is_empty() || w == 0 || h == 0 {
        return None;
    }
    Some((w, h, ctype == 0, idat))
}

/// The document being built. See the module documentation for the calls.
pub struct Doc<'a> {
    fonts: &'a FontSet,
    shaper: Shaper<'a>,
    meta: DocMeta,
    pages: Vec<PageBuf>,
    /// Top of the next line box, in points from the bottom of the page.
    y: f32,
    footer: Option<String>,
    qr: Option<String>,
    images: Vec<ImageRes>,
    error: Option<Error>,
}

impl<'a> Doc<'a> {
    /// A new document with one empty page.
    pub fn new(fonts: &'a FontSet, meta: DocMeta) -> Doc<'a> {
        Doc {
            fonts,
            shaper: Shaper::new(fonts),
            meta,
            pages: vec![PageBuf::default()],
            y: Self::top(),
            footer: None,
            qr: None,
            images: Vec::new(),
            error: None,
        }
    }

    fn top() -> f32 {
        PAGE_H - mm(MARGIN_TOP_MM)
    }
    fn bottom() -> f32 {
        mm(MARGIN_BOTTOM_MM)
    }
    fn left() -> f32 {
        mm(MARGIN_LEFT_MM)
    }
    fn right() -> f32 {
        PAGE_W - mm(MARGIN_RIGHT_MM)
    }
    /// Width of the text block in points (156 mm).
    pub fn text_width() -> f32 {
        Self::right() - Self::left()
    }
    /// Body line pitch: the text block height over 22 lines (≈ 29 pt).
    pub fn pitch() -> f32 {
        (Self::top() - Self::bottom()) / LINES_PER_PAGE
    }

    fn fail(&mut self, e: Error) {
        if self.error.is_none() {
            self.error = Some(e);
        }
    }

    /// Starts a new page.
    pub fn page_break(&mut self) -> &mut Self {
        self.pages.push(PageBuf::default());
        self.y = Self::top();
        self
    }

    /// Breaks the page unless `h` points still fit on it.
    fn need(&mut self, h: f32) {
        if self.y - h < Self::bottom() - 0.01 && self.y < Self::top() - 0.01 {
            self.page_break();
        }
    }

    fn page(&mut self) -> &mut PageBuf {
        self.pages.last_mut().expect("at least one page")
    }

    /// Vertical space in millimetres (dropped at the top of a page).
    pub fn spacer(&mut self, mm_: f32) -> &mut Self {
        if self.y < Self::top() - 0.01 {
            self.y -= mm(mm_);
            if self.y < Self::bottom() {
                self.page_break();
            }
        }
        self
    }

    /// Lays out `text` and places its lines. `face` indexes the font set.
    #[allow(clippy::too_many_arguments)]
    fn text_block(
        &mut self,
        text: &str,
        face: usize,
        size: f32,
        pitch: f32,
        align: Align,
        indent_em: f32,
        x0: f32,
        width: f32,
    ) {
        let glyphs = match self.shaper.shape(text, face) {
            Ok(g) => g,
            Err(e) => return self.fail(e),
        };
        let avail = width / size;
        let shrink = if align == Align::Justify { MAX_SHRINK_EM } else { MAX_SHRINK_EM / 2.0 };
        let lines = break_lines(&glyphs, avail - indent_em, avail, shrink);
        for (k, l) in lines.iter().enumerate() {
            self.need(pitch);
            let ind = if k == 0 { indent_em } else { 0.0 };
            let baseline = self.y - pitch / 2.0 - 0.38 * size;
            let tl =
                Self::place(&glyphs, l, size, align, x0 + ind * size, width - ind * size, baseline);
            self.page().texts.push(tl);
            self.y -= pitch;
        }
    }

    fn place(
        glyphs: &[Glyph],
        l: &Line,
        size: f32,
        align: Align,
        x0: f32,
        width: f32,
        baseline: f32,
    ) -> TextLine {
        let avail = width / size;
        let (x, tc) = match align {
            Align::Justify => (x0, l.char_spacing(avail) * size),
            _ => {
                let tc = if l.width > avail { l.char_spacing(avail) * size } else { 0.0 };
                let w = (l.width * size).min(width);
                let x = match align {
                    Align::Center => x0 + (width - w) / 2.0,
                    Align::Right => x0 + width - w,
                    _ => x0,
                };
                (x, tc)
            }
        };
        TextLine { x, baseline, size, tc, glyphs: glyphs[l.start..l.end].to_vec() }
    }

    /// The court's name at the top, centred, 2号 title face.
    pub fn court_header(&mut self, court: &str) -> &mut Self {
        let f = self.fonts.title_index();
        let pitch = Self::pitch() * 1.25;
        self.text_block(
            court,
            f,
            TITLE_SIZE,
            pitch,
            Align::Center,
            0.0,
            Self::left(),
            Self::text_width(),
        );
        self
    }

    /// The document's name, centred, 2号 title face, with half a line after it.
    pub fn title(&mut self, title: &str) -> &mut Self {
        let f = self.fonts.title_index();
        let pitch = Self::pitch() * 1.25;
        self.text_block(
            title,
            f,
            TITLE_SIZE,
            pitch,
            Align::Center,
            0.0,
            Self::left(),
            Self::text_width(),
        );
        self.spacer(Self::pitch() / PT_PER_MM * 0.5);
        self
    }

    /// A right-aligned line in the body face (the case number).
    pub fn right_line(&mut self, text: &str) -> &mut Self {
        let f = self.fonts.body_index();
        self.text_block(
            text,
            f,
            BODY_SIZE,
            Self::pitch(),
            Align::Right,
            0.0,
            Self::left(),
            Self::text_width(),
        );
        self
    }

    /// A centred line in the body face.
    pub fn center_line(&mut self, text: &str) -> &mut Self {
        let f = self.fonts.body_index();
        self.text_block(
            text,
            f,
            BODY_SIZE,
            Self::pitch(),
            Align::Center,
            0.0,
            Self::left(),
            Self::text_width(),
        );
        self
    }

    /// A body paragraph: first line indented two characters, justified. `\n` forces a line break.
    pub fn para(&mut self, text: &str) -> &mut Self {
        let f = self.fonts.body_index();
        self.text_block(
            text,
            f,
            BODY_SIZE,
            Self::pitch(),
            Align::Justify,
            2.0,
            Self::left(),
            Self::text_width(),
        );
        self
    }

    /// A body paragraph without indent, justified.
    pub fn para_noindent(&mut self, text: &str) -> &mut Self {
        let f = self.fonts.body_index();
        self.text_block(
            text,
            f,
            BODY_SIZE,
            Self::pitch(),
            Align::Justify,
            0.0,
            Self::left(),
            Self::text_width(),
        );
        self
    }

    /// A section heading: title face at 3号, indented two characters, kept with the next line.
    pub fn heading(&mut self, text: &str) -> &mut Self {
        let f = self.fonts.title_index();
        self.need(Self::pitch() * 2.0);
        self.text_block(
            text,
            f,
            BODY_SIZE,
            Self::pitch(),
            Align::Left,
            2.0,
            Self::left(),
            Self::text_width(),
        );
        self
    }

    /// A bordered table, column widths in millimetres (scaled to the text block when they do not
    /// add up to it), cell text in the body face at 4号, wrapped and left-aligned. Rows are never
    /// split across pages.
    pub fn table(&mut self, widths_mm: &[f32], rows: &[Vec<String>]) -> &mut Self {
        if widths_mm.is_empty() {
            return self;
        }
        let total: f32 = widths_mm.iter().sum();
        let scale = if total > 0.0 { Self::text_width() / mm(total) } else { 1.0 };
        let widths: Vec<f32> = widths_mm.iter().map(|w| mm(*w) * scale).collect();
        let f = self.fonts.body_index();
        let size = TABLE_SIZE;
        let lp = size * 1.5;
        let (pad_x, pad_y) = (4.0, 4.0);
        let mut first_row = true;
        for row in rows {
            // Shape and break every cell.
            let mut cells: Vec<(Vec<Glyph>, Vec<Line>)> = Vec::new();
            for (k, w) in widths.iter().enumerate() {
                let text = row.get(k).map(String::as_str).unwrap_or("");
                let g = match self.shaper.shape(text, f) {
                    Ok(g) => g,
                    Err(e) => {
                        self.fail(e);
                        return self;
                    }
                };
                let avail = (w - 2.0 * pad_x) / size;
                let lines = break_lines(&g, avail, avail, MAX_SHRINK_EM);
                cells.push((g, lines));
            }
            let nl = cells.iter().map(|c| c.1.len().max(1)).max().unwrap_or(1);
            let h = nl as f32 * lp + 2.0 * pad_y;
            let before = self.pages.len();
            self.need(h);
            if self.pages.len() != before {
                first_row = true;
            }
            let top = self.y;
            let mut x = Self::left();
            for (k, (g, lines)) in cells.iter().enumerate() {
                let w = widths[k];
                for (i, l) in lines.iter().enumerate() {
                    let box_top = top - pad_y - i as f32 * lp;
                    let baseline = box_top - lp / 2.0 - 0.38 * size;
                    let mut l = l.clone();
                    l.last = true; // cells are left-aligned
                    let tl = Self::place(
                        g,
                        &l,
                        size,
                        Align::Justify,
                        x + pad_x,
                        w - 2.0 * pad_x,
                        baseline,
                    );
                    self.page().texts.push(tl);
                }
                x += w;
            }
            // Borders: top line only for the first row on a page, then bottom and verticals.
            let bottom = top - h;
            let (l, r) = (Self::left(), Self::left() + widths.iter().sum::<f32>());
            let gfx = &mut self.pages.last_mut().unwrap().gfx;
            gfx.push_str("0.6 w 0 G\n");
            if first_row {
                let _ = writeln!(gfx, "{:.2} {:.2} m {:.2} {:.2} l S", l, top, r, top);
            }
            let _ = writeln!(gfx, "{:.2} {:.2} m {:.2} {:.2} l S", l, bottom, r, bottom);
            let mut x = l;
            let _ = writeln!(gfx, "{:.2} {:.2} m {:.2} {:.2} l S", x, top, x, bottom);
            for w in &widths {
                x += w;
                let _ = writeln!(gfx, "{:.2} {:.2} m {:.2} {:.2} l S", x, top, x, bottom);
            }
            self.y = bottom;
            first_row = false;
        }
        self.spacer(3.0);
        self
    }

    /// Signature lines, kept whole on one page (a page break comes before the block if it does
    /// not fit). Each slot: "角色：姓名", then "签名：" with the captured image or a blank line
    /// for wet ink, and "日期：" with the time signed or a blank line.
    pub fn signature_block(&mut self, slots: &[SignatureSlot]) -> &mut Self {
        let pitch = Self::pitch();
        let img_h = mm(16.0);
        let img_w = mm(50.0);
        let slot_h = pitch + img_h + mm(4.0);
        self.need(slot_h * slots.len() as f32 + pitch / 2.0);
        if self.y < Self::top() - 0.01 {
            self.y -= pitch / 2.0;
        }
        let body = self.fonts.body_index();
        for slot in slots {
            let top = self.y;
            let label = format!("{}：{}", slot.label, slot.name);
            self.text_block(
                &label,
                body,
                BODY_SIZE,
                pitch,
                Align::Left,
                0.0,
                Self::left(),
                Self::text_width(),
            );
            // Row with the signature image (or a line) and the date.
            // A long label wraps: the signature row goes below however many lines it took.
            let row_top = self.y;
            let baseline = row_top - img_h + mm(3.0);
            let x = Self::left() + mm(11.0);
            self.label_at("签名：", Self::left(), baseline);
            let sig_x = x + mm(3.0);
            match &slot.image_png {
                Some(png) => match self.add_png(png) {
                    Ok((name, w, h)) => {
                        // Fit into img_w × img_h keeping the aspect ratio, bottom-aligned.
                        let s = (img_w / w as f32).min(img_h / h as f32);
                        let (dw, dh) = (w as f32 * s, h as f32 * s);
                        let gfx = &mut self.pages.last_mut().unwrap().gfx;
                        let _ = writeln!(
                            gfx,
                            "q {:.2} 0 0 {:.2} {:.2} {:.2} cm /{} Do Q",
                            dw,
                            dh,
                            sig_x,
                            baseline - mm(2.0),
                            name
                        );
                    }
                    Err(e) => self.fail(e),
                },
                None => {
                    let gfx = &mut self.pages.last_mut().unwrap().gfx;
                    let _ = writeln!(
                        gfx,
                        "0.6 w 0 G {:.2} {:.2} m {:.2} {:.2} l S",
                        sig_x,
                        baseline - 3.0,
                        sig_x + img_w,
                        baseline - 3.0
                    );
                }
            }
            let dx = sig_x + img_w + mm(6.0);
            self.label_at("日期：", dx, baseline);
            let date_x = dx + BODY_SIZE * 3.0;
            match &slot.signed_at {
                Some(t) => self.label_at(t, date_x, baseline),
                None => {
                    let gfx = &mut self.pages.last_mut().unwrap().gfx;
                    let _ = writeln!(
                        gfx,
                        "0.6 w 0 G {:.2} {:.2} m {:.2} {:.2} l S",
                        date_x,
                        baseline - 3.0,
                        Self::right(),
                        baseline - 3.0
                    );
                }
            }
            self.y = (top - slot_h).min(row_top - img_h - mm(4.0));
        }
        self
    }

    /// One line of body text at a fixed position (no wrapping; squeezed to fit the page).
    fn label_at(&mut self, text: &str, x: f32, baseline: f32) {
        let f = self.fonts.body_index();
        let g = match self.shaper.shape(text, f) {
            Ok(g) => g,
            Err(e) => return self.fail(e),
        };
        let avail = (Self::right() - x).max(1.0) / BODY_SIZE;
        let w = Shaper::width(&g);
        let l = Line { start: 0, end: g.len(), width: w, last: true };
        let tl = Self::place(&g, &l, BODY_SIZE, Align::Left, x, avail * BODY_SIZE, baseline);
        self.page().texts.push(tl);
    }

    /// The court's name and the date at the end, right-aligned (the date four characters from the
    /// right edge, the name centred over it), with a line of room above for the red seal, which
    /// is pressed over both. Kept together on one page.
    pub fn seal_date_block(&mut self, court: &str, date: &str) -> &mut Self {
        let pitch = Self::pitch();
        self.need(pitch * 3.0);
        self.y -= pitch; // room for the top of the seal
        let f = self.fonts.body_index();
        let (gc, gd) = match (self.shaper.shape(court, f), self.shaper.shape(date, f)) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => {
                self.fail(e);
                return self;
            }
        };
        let wd = Shaper::width(&gd) * BODY_SIZE;
        let wc = Shaper::width(&gc) * BODY_SIZE;
        let date_right = Self::right() - 4.0 * BODY_SIZE;
        let date_x = (date_right - wd).max(Self::left());
        let center = date_x + wd / 2.0;
        let court_x = (center - wc / 2.0).min(Self::right() - wc).max(Self::left());
        for (g, x) in [(gc, court_x), (gd, date_x)] {
            let baseline = self.y - pitch / 2.0 - 0.38 * BODY_SIZE;
            let l = Line { start: 0, end: g.len(), width: Shaper::width(&g), last: true };
            let tl = Self::place(&g, &l, BODY_SIZE, Align::Left, x, Self::right() - x, baseline);
            self.page().texts.push(tl);
            self.y -= pitch;
        }
        self
    }

    /// A small note at the bottom of every page (e.g. "协议文本 SHA-256：…").
    pub fn footer_note(&mut self, text: &str) -> &mut Self {
        self.footer = Some(text.to_string());
        self
    }

    /// A QR code (vector) in the bottom margin of the last page, at the left.
    pub fn qr(&mut self, text: &str) -> &mut Self {
        self.qr = Some(text.to_string());
        self
    }

    /// Number of pages so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Decodes a PNG, flattens it onto white paper and compresses it; returns the XObject name.
    fn add_png(&mut self, png: &[u8]) -> Result<(String, usize, usize)> {
        let name = format!("Im{}", self.images.len() + 1);
        if let Some((w, h, gray, idat)) = png_passthrough(png) {
            self.images.push(ImageRes {
                name: name.clone(),
                width: w,
                height: h,
                gray,
                zlib: idat,
                png_predicted: true,
                smask: None,
            });
            return Ok((name, w, h));
        }
        let mut warnings = Vec::new();
        let img = RawImage::decode_from_bytes(png, &mut warnings).map_err(|e| {
            Error::document("image.decode", format!("签名图片无法读取（应为 PNG 格式）：{e}"))
        })?;
        let (w, h) = (img.width, img.height);
        if w == 0 || h == 0 || w > 8000 || h > 8000 {
            return Err(Error::document("image.size", format!("签名图片尺寸不合适：{w}×{h}")));
        }
        let n = w * h;
        let data_format = img.data_format;
        let mut px: Vec<u8> = match img.pixels {
            RawImageData::U8(v) => v,
            RawImageData::U16(v) => v.iter().map(|x| (x >> 8) as u8).collect(),
            RawImageData::F32(v) => v.iter().map(|x| (x.clamp(0.0, 1.0) * 255.0) as u8).collect(),
        };
        let (chans, alpha, bgr) = match data_format {
            RawImageFormat::R8 | RawImageFormat::R16 => (1, false, false),
            RawImageFormat::RG8 | RawImageFormat::RG16 => (2, true, false),
            RawImageFormat::RGB8 | RawImageFormat::RGB16 | RawImageFormat::RGBF32 => {
                (3, false, false)
            }
            RawImageFormat::RGBA8 | RawImageFormat::RGBA16 | RawImageFormat::RGBAF32 => {
                (4, true, false)
            }
            RawImageFormat::BGR8 => (3, false, true),
            RawImageFormat::BGRA8 => (4, true, true),
        };
        if px.len() < n * chans {
            return Err(Error::document("image.decode", "签名图片数据不完整"));
        }
        // One ink colour with transparency (what signature pads produce): a 1×1 image of the ink
        // colour with the alpha channel as its soft mask (ISO 32000-1 §11.6.5.3: a soft mask need
        // not have its image's dimensions). A quarter of the data to compress, and the ink keeps
        // its transparency.
        if alpha && chans == 4 {
            if let Some(ink) = single_ink(&px, bgr) {
                let alpha_bytes: Vec<u8> = px.chunks_exact(4).map(|p| p[3]).collect();
                self.images.push(ImageRes {
                    name: name.clone(),
                    width: 1,
                    height: 1,
                    gray: false,
                    zlib: zlib(&ink),
                    png_predicted: false,
                    smask: Some((w, h, zlib(&alpha_bytes))),
                });
                return Ok((name, w, h));
            }
        }
        let color = chans >= 3;
        let oc = if color { 3 } else { 1 };
        #[inline(always)]
        fn blend(c: u8, a: u8) -> u8 {
            // Over white paper: c·a + 255·(1 − a).
            let (c, a) = (c as u32, a as u32);
            ((c * a + 255 * (255 - a) + 127) / 255) as u8
        }
        let (ri, bi) = if bgr { (2, 0) } else { (0, 2) };
        // Flatten in place: pixel k is read at k·chans and written at k·oc ≤ k·chans.
        for k in 0..n {
            let p = k * chans;
            let a = if alpha { px[p + chans - 1] } else { 255 };
            let o = k * oc;
            if color {
                let (r, g, b) = (px[p + ri], px[p + 1], px[p + bi]);
                px[o] = blend(r, a);
                px[o + 1] = blend(g, a);
                px[o + 2] = blend(b, a);
            } else {
                px[o] = blend(px[p], a);
            }
        }
        px.truncate(n * oc);
        let out = px;
        self.images.push(ImageRes {
            name: name.clone(),
            width: w,
            height: h,
            gray: !color,
            zlib: zlib(&out),
            png_predicted: false,
            smask: None,
        });
        Ok((name, w, h))
    }

    /// Writes the PDF. Returns the first error met while building, if any.
    pub fn finish(mut self) -> Result<Vec<u8>> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        // Drop a trailing empty page (e.g. after an explicit page_break at the end).
        while self.pages.len() > 1
            && self.pages.last().is_some_and(|p| p.texts.is_empty() && p.gfx.is_empty())
        {
            self.pages.pop();
        }
        let total = self.pages.len();
        let body = self.fonts.body_index();
        // Page furniture: footer note, page numbers, QR.
        for i in 0..total {
            if let Some(note) = self.footer.clone() {
                self.furniture_line(i, &note, 7.5, mm(9.0), body);
            }
            let num = format!("第 {} 页 共 {} 页", i + 1, total);
            self.furniture_line(i, &num, 10.5, mm(22.0), body);
        }
        if let Some(q) = self.qr.clone() {
            self.draw_qr(total - 1, &q)?
        }
        if let Some(e) = self.error.take() {
            return Err(e);
        }

        // Fonts: glyphs used per face.
        let nfaces = self.fonts.faces().len();
        let mut used: Vec<BTreeMap<u16, char>> = vec![BTreeMap::new(); nfaces];
        for p in &self.pages {
            for t in &p.texts {
                for g in &t.glyphs {
                    if g.gid != 0 {
                        used[g.face as usize].entry(g.gid).or_insert(g.ch);
                    }
                }
            }
        }
        struct FontOut {
            face: usize,
            map: std::collections::HashMap<u16, u16>,
        }
        let mut font_out: Vec<FontOut> = Vec::new();
        let mut font_objs: Vec<(usize, std::sync::Arc<crate::documents::fonts::EmbeddedProgram>)> =
            Vec::new();
        for (fi, set) in used.iter().enumerate() {
            if set.is_empty() {
                continue;
            }
            let gids: Vec<u16> = set.keys().copied().collect();
            let emb = self.fonts.faces()[fi].embed(&gids)?;
            font_out.push(FontOut { face: fi, map: emb.gid_map.clone() });
            font_objs.push((fi, emb));
        }
        let remap = |face: usize, gid: u16| -> u16 {
            font_out
                .iter()
                .find(|f| f.face == face)
                .and_then(|f| f.map.get(&gid).copied())
                .unwrap_or(0)
        };

        // Content streams.
        let mut contents: Vec<Vec<u8>> = Vec::with_capacity(total);
        for p in &self.pages {
            let mut s = String::with_capacity(p.texts.len() * 160 + p.gfx.len());
            s.push_str(&p.gfx);
            for t in &p.texts {
                if t.glyphs.iter().all(|g| g.gid == 0) {
                    continue;
                }
                s.push_str("BT\n1 0 0 1 ");
                push_num(&mut s, t.x, 3);
                s.push(' ');
                push_num(&mut s, t.baseline, 3);
                s.push_str(" Tm\n");
                push_num(&mut s, t.tc, 4);
                s.push_str(" Tc\n");
                let mut cur_face = usize::MAX;
                let mut open = false;
                for g in &t.glyphs {
                    let f = g.face as usize;
                    if f != cur_face {
                        if open {
                            s.push_str("> Tj\n");
                        }
                        s.push_str("/F");
                        push_num(&mut s, f as f32, 0);
                        s.push(' ');
                        push_num(&mut s, t.size, 3);
                        s.push_str(" Tf <");
                        cur_face = f;
                        open = true;
                    }
                    if g.gid == 0 {
                        // A space the face cannot draw: move by its width instead.
                        s.push_str("> Tj\n");
                        let _ =
                            write!(s, "[{:.1}] TJ\n<", -(g.adv * 1000.0) - t.tc * 1000.0 / t.size);
                        continue;
                    }
                    push_hex4(&mut s, remap(f, g.gid));
                }
                if open {
                    s.push_str("> Tj\n");
                }
                s.push_str("ET\n");
            }
            contents.push(zlib(s.as_bytes()));
        }

        // The document skeleton through printpdf.
        let mut pdf = PdfDocument::new(&self.meta.title);
        let ts = OffsetDateTime::from_unix_timestamp(self.meta.created.timestamp())
            .unwrap_or_else(|_| OffsetDateTime::now_utc());
        {
            let info = &mut pdf.metadata.info;
            info.author = self.meta.author.clone();
            info.subject = self.meta.subject.clone();
            info.creator = "和解台 hejie".to_string();
            info.producer = "hejie typeset (printpdf 0.12.8)".to_string();
            info.creation_date = ts;
            info.modification_date = ts;
            info.metadata_date = ts;
        }
        for img in &self.images {
            let mut d = BTreeMap::new();
            d.insert("Type".to_string(), name("XObject"));
            d.insert("Subtype".to_string(), name("Image"));
            d.insert("Width".to_string(), DictItem::Int(img.width as i64));
            d.insert("Height".to_string(), DictItem::Int(img.height as i64));
            d.insert(
                "ColorSpace".to_string(),
                name(if img.gray { "DeviceGray" } else { "DeviceRGB" }),
            );
            d.insert("BitsPerComponent".to_string(), DictItem::Int(8));
            d.insert("Filter".to_string(), name("FlateDecode"));
            if img.png_predicted {
                d.insert(
                    "DecodeParms".to_string(),
                    dict(vec![
                        ("Predictor", DictItem::Int(15)),
                        ("Colors", DictItem::Int(if img.gray { 1 } else { 3 })),
                        ("BitsPerComponent", DictItem::Int(8)),
                        ("Columns", DictItem::Int(img.width as i64)),
                    ]),
                );
            }
            if let Some((mw, mh, sm)) = &img.smask {
                let mut md = BTreeMap::new();
                md.insert("Type".to_string(), name("XObject"));
                md.insert("Subtype".to_string(), name("Image"));
                md.insert("Width".to_string(), DictItem::Int(*mw as i64));
                md.insert("Height".to_string(), DictItem::Int(*mh as i64));
                md.insert("ColorSpace".to_string(), name("DeviceGray"));
                md.insert("BitsPerComponent".to_string(), DictItem::Int(8));
                md.insert("Filter".to_string(), name("FlateDecode"));
                d.insert(
                    "SMask".to_string(),
                    DictItem::Stream {
                        stream: ExternalStream { dict: md, content: sm.clone(), compress: false },
                    },
                );
            }
            let x = ExternalXObject {
                stream: ExternalStream { dict: d, content: img.zlib.clone(), compress: false },
                width: None,
                height: None,
                dpi: None,
            };
            pdf.resources.xobjects.map.insert(XObjectId(img.name.clone()), XObject::External(x));
        }
        pdf.pages = (0..total).map(|_| PdfPage::new(Mm(210.0), Mm(297.0), Vec::new())).collect();
        // PdfSaveOptions is #[non_exhaustive]: it cannot be built with a struct literal.
        #[allow(clippy::field_reassign_with_default)]
        let opts = {
            let mut opts = PdfSaveOptions::default();
            opts.optimize = false;
            opts.subset_fonts = false;
            opts.image_optimization = None;
            opts
        };
        let mut warnings = Vec::new();
        let mut doc = pdf.to_lopdf_document(&opts, &mut warnings);
        let lerr =
            |e: &dyn std::fmt::Display| Error::document("pdf.write", format!("生成 PDF 失败：{e}"));

        let page_ids: Vec<(u32, u16)> = doc.get_pages().values().copied().collect();
        if page_ids.len() != total {
            return Err(Error::document("pdf.write", "生成 PDF 失败：页数不一致"));
        }
        let (font_dict_id, content_ids) = {
            let first = doc.get_dictionary(page_ids[0]).map_err(|e| lerr(&e))?;
            let res_id =
                first.get(b"Resources").and_then(|o| o.as_reference()).map_err(|e| lerr(&e))?;
            let res = doc.get_dictionary(res_id).map_err(|e| lerr(&e))?;
            let font_id = res.get(b"Font").and_then(|o| o.as_reference()).map_err(|e| lerr(&e))?;
            let mut cids = Vec::new();
            for pid in &page_ids {
                let p = doc.get_dictionary(*pid).map_err(|e| lerr(&e))?;
                cids.push(p.get(b"Contents").and_then(|o| o.as_reference()).map_err(|e| lerr(&e))?);
            }
            (font_id, cids)
        };
        for (cid, data) in content_ids.iter().zip(contents) {
            let obj = doc.get_object_mut(*cid).map_err(|e| lerr(&e))?;
            let st = obj.as_stream_mut().map_err(|e| lerr(&e))?;
            st.set_content(data);
            st.dict.set("Filter", name("FlateDecode").to_lopdf());
        }

        // Font objects.
        for (fi, emb) in font_objs {
            let face = &self.fonts.faces()[fi];
            let m = face.metrics;
            let k = 1000.0 / m.units_per_em.max(1) as f32;
            let sc = |v: i16| DictItem::Int((v as f32 * k).round() as i64);
            // Subset tag from the glyph set.
            let mut h: u32 = 2166136261;
            let mut pairs: Vec<(u16, u16)> = emb.gid_map.iter().map(|(a, b)| (*a, *b)).collect();
            pairs.sort_unstable();
            for (a, _) in &pairs {
                h = (h ^ *a as u32).wrapping_mul(16777619);
            }
            h ^= fi as u32;
            let tag: String =
                (0..6).map(|i| (b'A' + ((h >> (i * 5)) % 26) as u8) as char).collect();
            let base = format!("{}+{}", tag, face.ps_name);

            let mut fdict = BTreeMap::new();
            fdict.insert("Filter".to_string(), name("FlateDecode"));
            if emb.cff {
                fdict.insert("Subtype".to_string(), name("CIDFontType0C"));
            } else {
                fdict.insert("Length1".to_string(), DictItem::Int(emb.raw_len as i64));
            }
            let file_id = doc.add_object(stream_obj!(fdict, emb.zlib.clone()));

            // Widths and ToUnicode, by new glyph id.
            let face_p = face.face();
            let mut by_new: Vec<(u16, u16)> = pairs.iter().map(|(o, n)| (*n, *o)).collect();
            by_new.sort_unstable();
            let mut widths: Vec<(u16, i64)> = Vec::new();
            for (n, o) in &by_new {
                if *n == 0 {
                    continue;
                }
                let adv = face_p.glyph_hor_advance(ttf_parser::GlyphId(*o)).unwrap_or(0) as f32;
                widths.push((*n, (adv * k).round() as i64));
            }
            let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
            for (_, w) in &widths {
                *counts.entry(*w).or_default() += 1;
            }
            let dw = counts.iter().max_by_key(|(_, c)| **c).map(|(w, _)| *w).unwrap_or(1000);
            let mut w_arr: Vec<DictItem> = Vec::new();
            let mut i = 0;
            while i < widths.len() {
                if widths[i].1 == dw {
                    i += 1;
                    continue;
                }
                let start = i;
                while i + 1 < widths.len()
                    && widths[i + 1].0 == widths[i].0 + 1
                    && widths[i + 1].1 != dw
                {
                    i += 1;
                }
                w_arr.push(DictItem::Int(widths[start].0 as i64));
                w_arr.push(DictItem::Array(
                    widths[start..=i].iter().map(|(_, w)| DictItem::Int(*w)).collect(),
                ));
                i += 1;
            }
            let mut cmap = String::from(
                "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
            );
            let chars: Vec<(u16, char)> = by_new
                .iter()
                .filter(|(n, _)| *n != 0)
                .filter_map(|(n, o)| used[fi].get(o).map(|c| (*n, *c)))
                .collect();
            for chunk in chars.chunks(100) {
                let _ = writeln!(cmap, "{} beginbfchar", chunk.len());
                for (n, c) in chunk {
                    let mut u = [0u16; 2];
                    let enc = c.encode_utf16(&mut u);
                    cmap.push('<');
                    push_hex4(&mut cmap, *n);
                    cmap.push_str("> <");
                    for x in enc.iter() {
                        push_hex4(&mut cmap, *x);
                    }
                    cmap.push_str(">\n");
                }
                cmap.push_str("endbfchar\n");
            }
            cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
            let mut td = BTreeMap::new();
            td.insert("Filter".to_string(), name("FlateDecode"));
            let tounicode_id = doc.add_object(stream_obj!(td, zlib(cmap.as_bytes())));

            let descriptor = dict(vec![
                ("Type", name("FontDescriptor")),
                ("FontName", name(&base)),
                ("Flags", DictItem::Int(4)), // symbolic: glyphs outside the Latin set
                (
                    "FontBBox",
                    DictItem::Array(vec![
                        sc(m.bbox[0]),
                        sc(m.bbox[1]),
                        sc(m.bbox[2]),
                        sc(m.bbox[3]),
                    ]),
                ),
                ("ItalicAngle", DictItem::Int(m.italic_angle.round() as i64)),
                ("Ascent", sc(m.ascender)),
                ("Descent", sc(m.descender)),
                ("CapHeight", sc(m.cap_height)),
                ("StemV", DictItem::Int(if face.weight >= 600 { 140 } else { 80 })),
                (if emb.cff { "FontFile3" } else { "FontFile2" }, reference(file_id)),
            ]);
            let desc_id = doc.add_object(descriptor.to_lopdf());
            let mut cid_items = vec![
                ("Type", name("Font")),
                ("Subtype", name(if emb.cff { "CIDFontType0" } else { "CIDFontType2" })),
                ("BaseFont", name(&base)),
                (
                    "CIDSystemInfo",
                    dict(vec![
                        ("Registry", DictItem::String { data: b"Adobe".to_vec(), literal: true }),
                        (
                            "Ordering",
                            DictItem::String { data: b"Identity".to_vec(), literal: true },
                        ),
                        ("Supplement", DictItem::Int(0)),
                    ]),
                ),
                ("FontDescriptor", reference(desc_id)),
                ("DW", DictItem::Int(dw)),
                ("W", DictItem::Array(w_arr)),
            ];
            if !emb.cff {
                cid_items.push(("CIDToGIDMap", name("Identity")));
            }
            let cid_id = doc.add_object(dict(cid_items).to_lopdf());
            let type0 = dict(vec![
                ("Type", name("Font")),
                ("Subtype", name("Type0")),
                ("BaseFont", name(&base)),
                ("Encoding", name("Identity-H")),
                ("DescendantFonts", DictItem::Array(vec![reference(cid_id)])),
                ("ToUnicode", reference(tounicode_id)),
            ]);
            let t0_id = doc.add_object(type0.to_lopdf());
            let fd = doc
                .get_object_mut(font_dict_id)
                .and_then(|o| o.as_dict_mut())
                .map_err(|e| lerr(&e))?;
            fd.set(format!("F{fi}"), reference(t0_id).to_lopdf());
        }

        let mut out = Vec::with_capacity(128 * 1024);
        doc.save_to(&mut out).map_err(|e| lerr(&e))?;
        Ok(out)
    }

    /// A centred line of small text in the bottom margin of page `i`.
    fn furniture_line(&mut self, i: usize, text: &str, size: f32, baseline: f32, face: usize) {
        let g = match self.shaper.shape(text, face) {
            Ok(g) => g,
            Err(e) => return self.fail(e),
        };
        let w = Shaper::width(&g) * size;
        let width = Self::text_width();
        // Too long for the line: make the type smaller (down to 5 pt) rather than wrap.
        let size = if w > width { (size * width / w).max(5.0) } else { size };
        let l = Line { start: 0, end: g.len(), width: Shaper::width(&g), last: true };
        let tl = Self::place(&g, &l, size, Align::Center, Self::left(), width, baseline);
        self.pages[i].texts.push(tl);
    }

    /// Draws `text` as a QR code (filled rectangles, one per run of dark modules) in the bottom
    /// margin of page `i`, at the left edge of the text block.
    fn draw_qr(&mut self, i: usize, text: &str) -> Result<()> {
        // As QrCode::with_bits, but with a fixed mask (pattern 000, always valid): scoring all
        // eight masks is most of the qrcode crate's time and buys nothing on paper.
        let qerr = |e: qrcode::types::QrError| {
            Error::document("qr.encode", format!("二维码内容过长或无法编码：{e}"))
        };
        let ec_level = qrcode::EcLevel::M;
        let bits = qr_bits(text, ec_level).map_err(qerr)?;
        let version = bits.version();
        let data = bits.into_bytes();
        let (encoded, ec) =
            qrcode::ec::construct_codewords(&data, version, ec_level).map_err(qerr)?;
        let mut canvas = qrcode::canvas::Canvas::new(version, ec_level);
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&encoded, &ec);
        canvas.apply_mask(qrcode::canvas::MaskPattern::Checkerboard);
        let colors = canvas.into_colors();
        let n = version.width() as usize;
        let size = mm(18.0);
        let m = size / n as f32;
        let (x0, y0) = (Self::left(), mm(12.5));
        let gfx = &mut self.pages[i].gfx;
        gfx.push_str("0 g\n");
        for row in 0..n {
            let mut col = 0;
            while col < n {
                if colors[row * n + col] == qrcode::Color::Dark {
                    let start = col;
                    while col < n && colors[row * n + col] == qrcode::Color::Dark {
                        col += 1;
                    }
                    let x = x0 + start as f32 * m;
                    let y = y0 + size - (row + 1) as f32 * m;
                    for v in [x, y, (col - start) as f32 * m + 0.01, m + 0.01] {
                        push_num(gfx, v, 2);
                        gfx.push(' ');
                    }
                    gfx.push_str("re\n");
                } else {
                    col += 1;
                }
            }
        }
        gfx.push_str("f\n");
        Ok(())
    }
}

/// Appends `v` with at most `dec` decimals (trailing zeros dropped), as PDF content wants it.
fn push_num(s: &mut String, v: f32, dec: u32) {
    let scale = 10u64.pow(dec);
    let x = (v.abs() as f64 * scale as f64).round() as u64;
    if v < 0.0 && x != 0 {
        s.push('-');
    }
    let (int, mut frac) = (x / scale, x % scale);
    let mut buf = [0u8; 20];
    let mut k = buf.len();
    let mut i = int;
    loop {
        k -= 1;
        buf[k] = b'0' + (i % 10) as u8;
        i /= 10;
        if i == 0 {
            break;
        }
    }
    s.push_str(std::str::from_utf8(&buf[k..]).unwrap_or("0"));
    if frac != 0 {
        let mut digits = dec;
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        s.push('.');
        let mut fb = [b'0'; 10];
        let mut f = frac;
        for d in (0..digits as usize).rev() {
            fb[d] = b'0' + (f % 10) as u8;
            f /= 10;
        }
        s.push_str(std::str::from_utf8(&fb[..digits as usize]).unwrap_or(""));
    }
}

fn push_hex4(s: &mut String, v: u16) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for sh in [12, 8, 4, 0] {
        s.push(HEX[((v >> sh) & 0xf) as usize] as char);
    }
}

fn name(s: &str) -> DictItem {
    DictItem::Name(s.as_bytes().to_vec())
}

fn reference(id: (u32, u16)) -> DictItem {
    DictItem::Ref { obj: id.0, gen: id.1 }
}

fn dict(items: Vec<(&str, DictItem)>) -> DictItem {
    DictItem::Dict { map: items.into_iter().map(|(k, v)| (k.to_string(), v)).collect() }
}

/// The QR payload as UTF-8 bytes behind an ECI 26 (UTF-8) designator, in the smallest version
/// that holds it. Without the designator a scanner must guess the byte mode's charset (ISO
/// 8859-1 by the standard, Shift JIS or GBK by heuristics) and the Chinese case number can come
/// out garbled; phones' scanners (ZXing, iOS) and zbar honour ECI.
fn qr_bits(text: &str, ec_level: qrcode::EcLevel) -> qrcode::types::QrResult<qrcode::bits::Bits> {
    let mut last = qrcode::types::QrError::DataTooLong;
    for v in 1..=40 {
        let mut bits = qrcode::bits::Bits::new(qrcode::Version::Normal(v));
        let pushed = bits
            .push_eci_designator(26)
            .and_then(|()| bits.push_byte_data(text.as_bytes()))
            .and_then(|()| bits.push_terminator(ec_level));
        match pushed {
            Ok(()) => return Ok(bits),
            Err(e) => last = e,
        }
    }
    Err(last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::fonts::FontConfig;

    fn meta() -> DocMeta {
        DocMeta {
            title: "执行通知书".into(),
            author: "东营市东营区人民法院".into(),
            subject: String::new(),
            created: chrono::DateTime::from_timestamp(1_795_000_000, 0).unwrap(),
        }
    }

    #[test]
    fn renders_and_refuses_missing_characters() {
        // The test command installs fonts-noto-cjk: no CJK font is a failure, not a skip.
        let fonts = FontSet::load(&FontConfig::default()).expect("a CJK font (fonts-noto-cjk)");
        let mut d = Doc::new(&fonts, meta());
        d.court_header("东营市东营区人民法院")
            .title("执行通知书")
            .right_line("（2026）鲁0502执12号");
        d.para("被执行人赵堃：本院受理的申请执行人王喆与你买卖合同纠纷一案，已发生法律效力，金额128,456.78元。");
        d.seal_date_block("东营市东营区人民法院", "二〇二六年十一月二十七日");
        d.footer_note("SHA-256：0123456789abcdef");
        d.qr("https://example.invalid/v/1");
        let pdf = d.finish().expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.windows(9).any(|w| w == b"/FontFile"));

        let mut d = Doc::new(&fonts, meta());
        d.para("当事人王\u{30000}");
        let err = d.finish().unwrap_err();
        assert_eq!(err.code(), "font.missing_char");
        assert!(err.message().contains("U+30000"));
    }

    #[test]
    fn numbers_are_formatted_for_pdf() {
        let mut s = String::new();
        for (v, d) in [(1.5f32, 3), (-0.25, 4), (16.0, 3), (0.0004, 3), (521.5678, 2)] {
            push_num(&mut s, v, d);
            s.push(' ');
        }
        assert_eq!(s, "1.5 -0.25 16 0 521.57 ");
    }
}
