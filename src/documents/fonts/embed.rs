//! The font program a PDF embeds: a subset of one face holding exactly the glyphs a document
//! uses, made by typst's `subsetter` crate and compressed for a `/FlateDecode` stream.
//!
//! `subsetter` renumbers the glyphs it keeps (`.notdef` stays 0, then in the order given) and
//! makes every CFF font CID-keyed with CID = new glyph id, so the new glyph id is the 2-byte code
//! written in the content streams, the key of `/W` and of the ToUnicode map, for both kinds of
//! outline: a bare CFF (`/FontFile3 /CIDFontType0C`) or a TrueType file with
//! `/CIDToGIDMap /Identity` (`/FontFile2`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::documents::compress::zlib;
use crate::documents::fonts::FontFace;
use crate::error::{Error, Result};

/// A subset font program, zlib-compressed for a `/FlateDecode` font stream.
#[derive(Debug, Clone)]
pub struct EmbeddedProgram {
    /// The zlib stream.
    pub zlib: Vec<u8>,
    /// Length of the uncompressed program (`/Length1` for TrueType).
    pub raw_len: usize,
    /// True for a bare CID-keyed CFF (`/FontFile3 /CIDFontType0C`), false for TrueType (`/FontFile2`).
    pub cff: bool,
    /// Original glyph id → new glyph id (= CID = the 2-byte code in the content stream).
    pub gid_map: HashMap<u16, u16>,
}

/// Subsets already made for this face, by glyph set. A document rendered again (a preview, then
/// the print; the signing view re-rendering the agreement) reuses its subset: the subsetting is
/// 2–4 ms of a CJK body face, most of a document's time. Bounded, as a mediator may render
/// hundreds of different documents in a day.
#[derive(Default)]
pub(crate) struct SubsetCache(Mutex<Vec<(Vec<u16>, Arc<EmbeddedProgram>)>>);

/// How many subsets a face keeps (each is 10–90 KB).
const CACHED_SUBSETS: usize = 16;

impl SubsetCache {
    fn get(&self, key: &[u16]) -> Option<Arc<EmbeddedProgram>> {
        let mut v = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let at = v.iter().position(|(k, _)| k == key)?;
        // Most recently used last.
        let hit = v.remove(at);
        let program = hit.1.clone();
        v.push(hit);
        Some(program)
    }

    fn put(&self, key: Vec<u16>, program: Arc<EmbeddedProgram>) {
        let mut v = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if v.len() >= CACHED_SUBSETS {
            v.remove(0);
        }
        v.push((key, program));
    }

    pub(crate) fn clear(&self) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

impl FontFace {
    /// The subset font program for `glyphs` (original glyph ids, any order, duplicates and 0
    /// allowed), compressed. New glyph ids follow the sorted, deduplicated input from 1.
    pub fn embed(&self, glyphs: &[u16]) -> Result<Arc<EmbeddedProgram>> {
        let mut key: Vec<u16> = glyphs.iter().copied().filter(|g| *g != 0).collect();
        key.sort_unstable();
        key.dedup();
        if let Some(p) = self.subsets.get(&key) {
            return Ok(p);
        }
        let program = Arc::new(self.subset(&key)?);
        self.subsets.put(key, program.clone());
        Ok(program)
    }

    /// Forgets the subsets made so far (benchmarks of the cold path).
    pub fn clear_subsets(&self) {
        self.subsets.clear();
    }

    fn subset(&self, sorted: &[u16]) -> Result<EmbeddedProgram> {
        let failed = |why: &dyn std::fmt::Display| {
            Error::document(
                "font.subset",
                format!("字体 {} 子集化失败（{why}），请在设置中改用其他字体", self.family),
            )
        };
        let remapper = subsetter::GlyphRemapper::new_from_glyphs(sorted);
        let font = subsetter::subset(self.data(), self.index, &remapper).map_err(|e| failed(&e))?;
        let mut gid_map: HashMap<u16, u16> = HashMap::with_capacity(sorted.len() + 1);
        gid_map.insert(0, 0);
        for &g in sorted {
            gid_map.insert(g, remapper.get(g).ok_or_else(|| failed(&"字形编号缺失"))?);
        }
        let program: &[u8] = if self.is_cff() {
            // The subset is an OpenType file; a PDF embeds its bare `CFF ` table.
            ttf_parser::RawFace::parse(&font, 0)
                .ok()
                .and_then(|f| f.table(ttf_parser::Tag::from_bytes(b"CFF ")))
                .ok_or_else(|| failed(&"子集中没有 CFF 表"))?
        } else {
            &font
        };
        Ok(EmbeddedProgram {
            zlib: zlib(program),
            raw_len: program.len(),
            cff: self.is_cff(),
            gid_map,
        })
    }
}
