//! Chinese line breaking: glyphs measured with the fonts' advance widths, 避头尾 (no closing
//! punctuation at the start of a line, no opening punctuation at its end), Latin/digit runs kept
//! whole, and the spacing that justifies a full line.
//!
//! Widths here are in em (advance / units-per-em); multiply by the font size for points.

use crate::documents::fonts::{missing_char_error, FontSet};
use crate::error::Result;

/// One shaped character.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// Index of the face in the [`FontSet`] that draws it (the run's face or a fallback).
    pub face: u16,
    /// Glyph id in that face.
    pub gid: u16,
    /// The character (for the PDF's ToUnicode map, so text can be copied and searched).
    pub ch: char,
    /// Advance width in em.
    pub adv: f32,
}

/// Maps characters to glyphs, falling back face by face; borrows the fonts for one document.
pub struct Shaper<'a> {
    fonts: &'a FontSet,
    faces: Vec<ttf_parser::Face<'a>>,
    upm: Vec<f32>,
}

impl<'a> Shaper<'a> {
    pub fn new(fonts: &'a FontSet) -> Self {
        let faces: Vec<ttf_parser::Face<'a>> = fonts.faces().iter().map(|f| f.face()).collect();
        let upm = faces.iter().map(|f| f.units_per_em().max(1) as f32).collect();
        Shaper { fonts, faces, upm }
    }

    pub fn fonts(&self) -> &'a FontSet {
        self.fonts
    }

    fn lookup(&self, face: usize, c: char) -> Option<Glyph> {
        let f = &self.faces[face];
        let g = f.glyph_index(c)?;
        if g.0 == 0 {
            return None;
        }
        let adv = f.glyph_hor_advance(g).unwrap_or(0) as f32 / self.upm[face];
        Some(Glyph { face: face as u16, gid: g.0, ch: c, adv })
    }

    /// Shapes `text` in face `primary`. A character the face lacks is taken from the first
    /// fallback that has it; if none has it the error names the character (never dropped).
    /// `\n` is kept as a zero-width glyph with gid 0 (a forced line break); tabs become spaces;
    /// other control characters are removed.
    pub fn shape(&self, text: &str, primary: usize) -> Result<Vec<Glyph>> {
        let mut out = Vec::with_capacity(text.len());
        let order = self.fonts.fallback_order(primary);
        for c in text.chars() {
            let c = if c == '\t' { ' ' } else { c };
            if c == '\n' {
                out.push(Glyph { face: primary as u16, gid: 0, ch: '\n', adv: 0.0 });
                continue;
            }
            if c.is_control() || c == '\u{200b}' || c == '\u{feff}' {
                continue;
            }
            let g = self
                .lookup(primary, c)
                .or_else(|| order[1..].iter().find_map(|&i| self.lookup(i, c)));
            match g {
                Some(g) => out.push(g),
                None => {
                    if c == ' ' || c == '\u{a0}' {
                        // A face without a space glyph: draw nothing, keep the width.
                        out.push(Glyph { face: primary as u16, gid: 0, ch: ' ', adv: 0.25 });
                    } else {
                        return Err(missing_char_error(c));
                    }
                }
            }
        }
        Ok(out)
    }

    /// Width of shaped glyphs in em.
    pub fn width(glyphs: &[Glyph]) -> f32 {
        glyphs.iter().map(|g| g.adv).sum()
    }
}

/// Punctuation that may not start a line (full- and half-width).
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '】'
            | '》'
            | '〉'
            | '〕'
            | '］'
            | '｝'
            | '”'
            | '’'
            | '％'
            | '…'
            | '‰'
            | '℃'
            | '·'
            | '・'
            | '々'
            | '〃'
            | '～'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
            | '%'
            | '"'
            | '\''
    )
}

/// Punctuation that may not end a line.
pub fn is_opening(c: char) -> bool {
    matches!(
        c,
        '（' | '「'
            | '『'
            | '【'
            | '《'
            | '〈'
            | '〔'
            | '［'
            | '｛'
            | '“'
            | '‘'
            | '('
            | '['
            | '{'
    )
}

/// Characters of an unbreakable Latin/digit run (case numbers, amounts, hashes, IDs).
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '_' | '-' | '/' | '#' | '@' | '&' | '+' | '=' | '*' | '~' | '^' | '$')
        || (c.is_alphanumeric() && !is_cjk(c))
}

/// Ideographs, kana, hangul and full-width forms: each is a unit of its own for line breaking.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x31FF | 0x3200..=0x9FFF
        | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// A laid-out line: glyph range of the paragraph (edge spaces already trimmed).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    /// Natural width in em.
    pub width: f32,
    /// Last line of the paragraph (or before a forced break): left-aligned, not stretched.
    pub last: bool,
}

impl Line {
    /// Extra spacing per glyph (em) that makes the line exactly `avail_em` wide: positive to
    /// stretch a full line, negative when it was squeezed in; 0 for a last line that fits.
    pub fn char_spacing(&self, avail_em: f32) -> f32 {
        let n = self.end - self.start;
        if n < 2 {
            return 0.0;
        }
        if self.width > avail_em || !self.last {
            (avail_em - self.width) / (n - 1) as f32
        } else {
            0.0
        }
    }
}

/// Unbreakable clusters (glyph ranges) of a paragraph.
fn clusters(g: &[Glyph]) -> Vec<(usize, usize)> {
    // 1. units: a Latin/digit run (with inner . , : between alphanumerics) or a single glyph.
    let mut units: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < g.len() {
        let c = g[i].ch;
        if is_word(c) {
            let mut j = i + 1;
            while j < g.len() {
                let cj = g[j].ch;
                if is_word(cj) {
                    j += 1;
                } else if matches!(cj, '.' | ',' | ':' | '\'')
                    && j + 1 < g.len()
                    && g[j + 1].ch.is_ascii_alphanumeric()
                {
                    j += 2;
                } else {
                    break;
                }
            }
            units.push((i, j));
            i = j;
        } else {
            // Runs of dashes/ellipses stay together.
            let mut j = i + 1;
            if matches!(c, '—' | '…' | '─') {
                while j < g.len() && g[j].ch == c {
                    j += 1;
                }
            }
            units.push((i, j));
            i = j;
        }
    }
    // 2. 避头尾: closing punctuation joins the unit before it, opening punctuation the unit after.
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(units.len());
    let mut pending_open: Option<usize> = None;
    for (s, e) in units {
        let c = g[s].ch;
        let is_space = c == ' ' || c == '\n';
        if is_closing(c) && pending_open.is_none() {
            if let Some(last) = out.last_mut() {
                let lc = g[last.1 - 1].ch;
                if lc != ' ' && lc != '\n' {
                    last.1 = e;
                    continue;
                }
            }
        }
        if is_opening(c) && !is_space {
            if pending_open.is_none() {
                pending_open = Some(s);
            }
            continue;
        }
        match pending_open.take() {
            Some(ps) => out.push((ps, e)),
            None => out.push((s, e)),
        }
    }
    if let Some(ps) = pending_open {
        out.push((ps, g.len()));
    }
    out
}

/// Breaks a shaped paragraph into lines.
///
/// * `first_em`: width available to the first line (after the indent), `rest_em` to the others.
/// * `max_shrink_em`: how much each glyph gap may be tightened to fit one more cluster (0.04 em
///   lets 28 characters of 3号 fit the 156 mm GB/T 9704 text block, as Word's character grid does).
pub fn break_lines(g: &[Glyph], first_em: f32, rest_em: f32, max_shrink_em: f32) -> Vec<Line> {
    let mut lines = Vec::new();
    let cl = clusters(g);
    let mut cur_start: Option<usize> = None; // first glyph of the current line
    let mut cur_end = 0usize;
    let mut width = 0.0f32;
    let is_space = |k: usize| g[k].ch == ' ';
    let finish = |lines: &mut Vec<Line>, s: Option<usize>, e: usize, last: bool| {
        if let Some(mut s) = s {
            let mut e = e;
            while s < e && is_space(s) {
                s += 1;
            }
            while e > s && is_space(e - 1) {
                e -= 1;
            }
            let w = Shaper::width(&g[s..e]);
            lines.push(Line { start: s, end: e, width: w, last });
        } else if last {
            lines.push(Line { start: e, end: e, width: 0.0, last });
        }
    };
    for (s, e) in cl {
        if g[s].ch == '\n' {
            finish(
                &mut lines,
                cur_start.or(Some(s)),
                if cur_start.is_some() { cur_end } else { s },
                true,
            );
            cur_start = None;
            width = 0.0;
            continue;
        }
        let avail = if lines.is_empty() { first_em } else { rest_em };
        let w = Shaper::width(&g[s..e]);
        match cur_start {
            None => {
                if g[s].ch == ' ' {
                    continue; // no leading spaces
                }
                if w <= avail + max_shrink_em * (e - s).saturating_sub(1) as f32 {
                    cur_start = Some(s);
                    cur_end = e;
                    width = w;
                } else {
                    // Longer than a line (a long hash or number): break it glyph by glyph.
                    let mut ls = s;
                    let mut lw = 0.0;
                    let mut k = s;
                    while k < e {
                        let a = if lines.is_empty() { first_em } else { rest_em };
                        if lw + g[k].adv > a + max_shrink_em * (k - ls) as f32 && k > ls {
                            finish(&mut lines, Some(ls), k, false);
                            ls = k;
                            lw = 0.0;
                        }
                        lw += g[k].adv;
                        k += 1;
                    }
                    cur_start = Some(ls);
                    cur_end = e;
                    width = lw;
                }
            }
            Some(cs) => {
                // Trailing spaces of the line do not count when deciding the fit.
                let trimmed_w = if g[e - 1].ch == ' ' { width } else { width + w };
                let n_after = (e - cs) as f32;
                if trimmed_w <= avail + max_shrink_em * (n_after - 1.0).max(0.0) {
                    cur_end = e;
                    width += w;
                } else {
                    finish(&mut lines, Some(cs), cur_end, false);
                    cur_start = None;
                    width = 0.0;
                    // Re-run this cluster on a fresh line.
                    let avail = rest_em;
                    if g[s].ch == ' ' {
                        continue;
                    }
                    if w <= avail + max_shrink_em * (e - s).saturating_sub(1) as f32 {
                        cur_start = Some(s);
                        cur_end = e;
                        width = w;
                    } else {
                        let mut ls = s;
                        let mut lw = 0.0;
                        let mut k = s;
                        while k < e {
                            if lw + g[k].adv > rest_em + max_shrink_em * (k - ls) as f32 && k > ls {
                                finish(&mut lines, Some(ls), k, false);
                                ls = k;
                                lw = 0.0;
                            }
                            lw += g[k].adv;
                            k += 1;
                        }
                        cur_start = Some(ls);
                        cur_end = e;
                        width = lw;
                    }
                }
            }
        }
    }
    if cur_start.is_some() {
        finish(&mut lines, cur_start, cur_end, true);
    } else if let Some(l) = lines.last_mut() {
        l.last = true;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(s: &str) -> Vec<Glyph> {
        s.chars()
            .map(|c| Glyph { face: 0, gid: 1, ch: c, adv: if c.is_ascii() { 0.5 } else { 1.0 } })
            .collect()
    }
    fn text(g: &[Glyph], l: &Line) -> String {
        g[l.start..l.end].iter().map(|x| x.ch).collect()
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        let g = glyphs("一二三四五，六七八九十。");
        let lines = break_lines(&g, 5.0, 5.0, 0.0);
        for l in &lines {
            assert!(!is_closing(g[l.start].ch), "{:?}", text(&g, l));
        }
        assert_eq!(text(&g, &lines[0]), "一二三四");
        assert_eq!(text(&g, &lines[1]), "五，六七八");
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        let g = glyphs("一二三四（五六）七八");
        let lines = break_lines(&g, 5.0, 5.0, 0.0);
        for l in &lines {
            assert!(!is_opening(g[l.end - 1].ch));
        }
    }

    #[test]
    fn numbers_stay_whole() {
        let g = glyphs("金额人民币128,456.78元");
        let lines = break_lines(&g, 8.0, 8.0, 0.0);
        let all: Vec<String> = lines.iter().map(|l| text(&g, l)).collect();
        assert!(all.iter().any(|t| t.contains("128,456.78")), "{all:?}");
    }

    #[test]
    fn accented_latin_words_stay_whole() {
        let g = glyphs("ab Ünïcödé cd");
        let lines = break_lines(&g, 6.0, 6.0, 0.0);
        let all: Vec<String> = lines.iter().map(|l| text(&g, l)).collect();
        assert!(all.iter().any(|t| t.contains("Ünïcödé")), "{all:?}");
    }

    #[test]
    fn squeeze_fits_one_more() {
        let g = glyphs("一二三四五六七八九十");
        let lines = break_lines(&g, 9.7, 9.7, 0.04);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].char_spacing(9.7) < 0.0);
    }
}
