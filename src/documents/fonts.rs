//! Fonts for court documents: finding them, checking them, and embedding subsets of them fast.
//!
//! * [`FontSet::load`] picks a title face (小标宋/宋体 style, bold where there is one), a body face
//!   (仿宋 style) and fallback faces among the system fonts (via `fontdb`), the font files named in
//!   the settings and the bundled-resources directory. Each face is read once and kept for the life
//!   of the `FontSet`; documents borrow it.
//! * A face whose OS/2 `fsType` forbids embedding is refused with a Chinese error.
//! * [`FontFace::subset_program`] builds the font program embedded in a PDF for exactly the glyphs a
//!   document uses. This is our own subsetter, not printpdf's (allsorts): for CFF faces (Noto CJK)
//!   it writes a CID-keyed bare CFF whose charstrings are desubroutinized, for TrueType faces a small
//!   `glyf` sfnt. Together with the fast deflate encoder below ([`deflate::zlib`]), it is what keeps a
//!   three-page document well under 5 ms; printpdf's path (allsorts + level-9 zlib) takes 10–25 ms.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Result};

/// Font settings: explicit font files win over everything found on the system.
#[derive(Debug, Clone, Default)]
pub struct FontConfig {
    /// Font file for the body text (仿宋), e.g. `C:\Windows\Fonts\simfang.ttf`.
    pub body: Option<PathBuf>,
    /// Font file for titles (方正小标宋 / 宋体).
    pub title: Option<PathBuf>,
    /// More folders to search for fonts (besides the system font folders).
    pub extra_dirs: Vec<PathBuf>,
    /// The app's bundled-resources font folder (ships the Noto Serif CJK SC fallback).
    pub bundled_dir: Option<PathBuf>,
    /// Do not scan the system font folders (tests, or a locked-down installation).
    pub skip_system_fonts: bool,
}

/// Body faces, in order of preference (family names as the font's `name` table spells them).
pub const BODY_FAMILIES: &[&str] = &[
    "FangSong",
    "仿宋_GB2312",
    "仿宋",
    "STFangsong",
    "FangSong_GB2312",
    "Noto Serif CJK SC",
    "Noto Serif SC",
    "AR PL UMing CN",
];

/// Title faces, in order of preference. A bold face of the family is taken where there is one.
pub const TITLE_FAMILIES: &[&str] = &[
    "方正小标宋简体",
    "FZXiaoBiaoSong-B05S",
    "SimSun",
    "宋体",
    "Songti SC",
    "STSong",
    "Noto Serif CJK SC",
    "Noto Serif SC",
];

/// Faces tried, after the body and title candidates, for characters the chosen faces lack
/// (rare characters in names: 𠮷 堃 赟 喆 犇 㛃 …).
pub const EXTRA_FALLBACK_FAMILIES: &[&str] = &[
    "SimSun-ExtB",
    "SimSun-ExtG",
    "MingLiU-ExtB",
    "Source Han Serif SC",
    "Noto Serif CJK TC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans CJK TC",
    "HanaMinA",
    "HanaMinB",
    "BabelStone Han",
    "TW-Sung-Ext-B",
    "AR PL UKai CN",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
];

/// Characters warmed into the glyph cache of the body and title faces at load (frequent
/// characters of Chinese and of court documents), so even the first document mostly copies
/// cached glyphs.
pub const COMMON_CHARS: &str = "，。、；：？！（）《》“”‘’—…·0123456789.%年月日元号\
的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发动同工也能下过子说产种面而方后多定\
行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其\
些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建\
公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知\
较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压\
志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声\
报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容\
儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值率族维划选标写存\
候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞执协申请告诉\
讼判裁书款债履限额签字盖章案审财冻封扣押拍卖罚拘留失限高费迟延息担保师司责所码联系话营区街道镇村乡省市县男女汉族\
出生住址户籍统一社会信用代码法定代表人委托诉讼代理人律师事务所申请执行人被执行人第三人原告被告上诉人";

/// Which role a face plays in a [`FontSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FontRole {
    Body,
    Title,
    Fallback,
}

/// One loaded face. The file is read once; everything else is parsed from it on demand.
pub struct FontFace {
    /// Family name as found (e.g. "Noto Serif CJK SC").
    pub family: String,
    /// PostScript name (used as the PDF /BaseFont).
    pub ps_name: String,
    /// Where the face came from.
    pub path: PathBuf,
    /// Face index inside a collection (.ttc); 0 for a plain .ttf/.otf.
    pub index: u32,
    /// OS/2 weight class (400 regular, 700 bold).
    pub weight: u16,
    data: Arc<Vec<u8>>,
    pub(crate) metrics: FaceMetrics,
    outlines: Outlines,
    /// Per-glyph embedding pieces (desubroutinized / copied outline + its Huffman bits), built on
    /// first use and reused by every later document.
    cache: std::sync::RwLock<HashMap<u16, Arc<GlyphPiece>>>,
    /// Huffman table for this face's outline bytes (from a sample of glyphs at load).
    table: deflate::StaticTable,
}

/// One glyph's outline bytes as they go into a subset, pre-encoded for the zlib stream.
pub(crate) struct GlyphPiece {
    raw: Vec<u8>,
    bits: deflate::BitString,
    /// TrueType table checksum contribution (raw is padded to 4 bytes).
    checksum: u32,
}

/// A subset font program in parts: per-document bytes plus cached glyph pieces.
struct Program {
    prefix: Vec<u8>,
    parts: Vec<Part>,
    cff: bool,
    gid_map: HashMap<u16, u16>,
}

enum Part {
    Piece(Arc<GlyphPiece>),
    Raw(Vec<u8>),
}

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

/// Metrics needed for layout and for the PDF font descriptor.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FaceMetrics {
    pub units_per_em: u16,
    pub ascender: i16,
    pub descender: i16,
    pub cap_height: i16,
    pub bbox: [i16; 4],
    pub italic_angle: f32,
}

enum Outlines {
    Cff(CffFont),
    Glyf(GlyfFont),
}

impl std::fmt::Debug for FontFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontFace")
            .field("family", &self.family)
            .field("path", &self.path)
            .field("index", &self.index)
            .field("weight", &self.weight)
            .finish()
    }
}

impl FontFace {
    /// Loads face `index` of the font file at `path`, checking that it may be embedded.
    pub fn from_file(path: &Path, index: u32) -> Result<FontFace> {
        let data = std::fs::read(path).map_err(|e| {
            Error::document("font.read", format!("无法读取字体文件 {}：{e}", path.display()))
        })?;
        FontFace::from_data(Arc::new(data), index, path.to_path_buf())
    }

    /// Parses face `index` of `data` (a whole font file, possibly a collection).
    pub fn from_data(data: Arc<Vec<u8>>, index: u32, path: PathBuf) -> Result<FontFace> {
        let bad = |why: &str| {
            Error::document("font.invalid", format!("字体文件 {} 无法使用：{why}", path.display()))
        };
        let face = ttf_parser::Face::parse(&data, index).map_err(|e| bad(&e.to_string()))?;
        // Embedding permission (OS/2 fsType). Restricted: the licence forbids embedding at all.
        if face.permissions() == Some(ttf_parser::Permissions::Restricted) {
            return Err(Error::document(
                "font.license",
                format!(
                    "字体 {} 的授权禁止嵌入文档（OS/2 fsType 受限），不能用于生成文书，请在设置中改用其他字体",
                    path.display()
                ),
            ));
        }
        if !face.is_subsetting_allowed() {
            return Err(Error::document(
                "font.license",
                format!(
                    "字体 {} 的授权不允许子集嵌入（OS/2 fsType 禁止子集化），不能用于生成文书，请在设置中改用其他字体",
                    path.display()
                ),
            ));
        }
        let names = face.names();
        let mut family = None;
        let mut ps_name = None;
        for n in names {
            if n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME && ps_name.is_none() {
                ps_name = n.to_string();
            }
            if (n.name_id == ttf_parser::name_id::TYPOGRAPHIC_FAMILY
                || n.name_id == ttf_parser::name_id::FAMILY)
                && n.language() == ttf_parser::Language::English_UnitedStates
                && family.is_none()
            {
                family = n.to_string();
            }
        }
        let family = family.unwrap_or_else(|| {
            path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
        });
        // A PostScript name may only hold printable ASCII without delimiters.
        let ps_name: String = ps_name
            .unwrap_or_else(|| family.clone())
            .chars()
            .filter(|c| c.is_ascii_graphic() && !"[](){}<>/%".contains(*c))
            .collect();
        let ps_name = if ps_name.is_empty() { "CJKFont".to_string() } else { ps_name };
        let bb = face.global_bounding_box();
        let metrics = FaceMetrics {
            units_per_em: face.units_per_em(),
            ascender: face.ascender(),
            descender: face.descender(),
            cap_height: face.capital_height().unwrap_or(face.ascender()),
            bbox: [bb.x_min, bb.y_min, bb.x_max, bb.y_max],
            italic_angle: face.italic_angle(),
        };
        let weight = face.weight().to_number();
        let base = data.as_ptr() as usize;
        let abs = |s: &[u8]| -> Range<usize> {
            let start = s.as_ptr() as usize - base;
            start..start + s.len()
        };
        let raw = face.raw_face();
        let outlines = if let Some(cff) = raw.table(ttf_parser::Tag::from_bytes(b"CFF ")) {
            Outlines::Cff(
                CffFont::parse(&data, abs(cff), face.number_of_glyphs())
                    .map_err(|e| bad(&format!("CFF 表解析失败（{e}）")))?,
            )
        } else if let (Some(glyf), Some(loca), Some(head), Some(hhea), Some(maxp)) = (
            raw.table(ttf_parser::Tag::from_bytes(b"glyf")),
            raw.table(ttf_parser::Tag::from_bytes(b"loca")),
            raw.table(ttf_parser::Tag::from_bytes(b"head")),
            raw.table(ttf_parser::Tag::from_bytes(b"hhea")),
            raw.table(ttf_parser::Tag::from_bytes(b"maxp")),
        ) {
            let long = head.len() > 51 && u16::from_be_bytes([head[50], head[51]]) == 1;
            let n = face.number_of_glyphs() as usize;
            let mut loca_abs = Vec::with_capacity(n + 1);
            let g0 = abs(glyf).start as u32;
            for i in 0..=n {
                let off = if long {
                    rd_u32(loca, i * 4).ok_or_else(|| bad("loca 表过短"))?
                } else {
                    rd_u16(loca, i * 2).ok_or_else(|| bad("loca 表过短"))? as u32 * 2
                };
                loca_abs.push(g0 + off.min(glyf.len() as u32));
            }
            let opt = |t: &[u8; 4]| raw.table(ttf_parser::Tag::from_bytes(t)).map(|s| s.to_vec());
            Outlines::Glyf(GlyfFont {
                loca: loca_abs,
                head: head.to_vec(),
                hhea: hhea.to_vec(),
                maxp: maxp.to_vec(),
                cvt: opt(b"cvt "),
                fpgm: opt(b"fpgm"),
                prep: opt(b"prep"),
            })
        } else {
            return Err(bad("既没有 CFF 轮廓也没有 glyf 轮廓"));
        };
        // Huffman table from a sample of the face's glyphs (about 1,500 of them).
        let n = face.number_of_glyphs().max(1);
        let stride = (n as usize / 1500).max(1);
        let mut freq = [0u64; 256];
        let mut g = 1usize;
        while g < n as usize {
            let raw = match &outlines {
                Outlines::Cff(c) => c.desubr_glyph(&data, g as u16).unwrap_or_default(),
                Outlines::Glyf(gl) => gl.glyph(&data, g as u16).to_vec(),
            };
            for &b in &raw {
                freq[b as usize] += 1;
            }
            g += stride;
        }
        let table = deflate::StaticTable::from_freq(&freq);
        drop(face);
        Ok(FontFace {
            family,
            ps_name,
            path,
            index,
            weight,
            data,
            metrics,
            outlines,
            cache: std::sync::RwLock::new(HashMap::new()),
            table,
        })
    }

    /// The cached piece for glyph `gid`, building it on first use.
    fn piece(&self, gid: u16) -> std::result::Result<Arc<GlyphPiece>, String> {
        if let Some(p) = self.cache.read().unwrap_or_else(|e| e.into_inner()).get(&gid) {
            return Ok(p.clone());
        }
        let mut raw = match &self.outlines {
            Outlines::Cff(c) => c.desubr_glyph(&self.data, gid)?,
            Outlines::Glyf(g) => g.glyph(&self.data, gid).to_vec(),
        };
        if !self.is_cff() {
            while raw.len() % 4 != 0 {
                raw.push(0);
            }
        }
        let bits = self.table.encode(&raw);
        let checksum = table_checksum(&raw);
        let p = Arc::new(GlyphPiece { raw, bits, checksum });
        self.cache.write().unwrap_or_else(|e| e.into_inner()).insert(gid, p.clone());
        Ok(p)
    }

    /// Number of glyphs whose embedding pieces are cached.
    pub fn cached_glyphs(&self) -> usize {
        self.cache.read().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Forgets the cached glyph pieces (benchmarks of the cold path; memory pressure).
    pub fn clear_glyph_cache(&self) {
        self.cache.write().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// Builds the embedding pieces of every character of `text` now (e.g. the 3,500 common
    /// characters on a background thread at start-up), so later documents only copy bytes.
    pub fn prewarm(&self, text: &str) {
        let face = self.face();
        for c in text.chars() {
            if let Some(g) = face.glyph_index(c) {
                let _ = self.piece(g.0);
            }
        }
    }

    fn program(&self, glyphs: &[u16]) -> Result<Program> {
        let mut ids: Vec<u16> = glyphs.iter().copied().filter(|g| *g != 0).collect();
        ids.sort_unstable();
        ids.dedup();
        let r = match &self.outlines {
            Outlines::Cff(cff) => cff.program(&ids, &self.ps_name, |g| self.piece(g)),
            Outlines::Glyf(g) => g.program(&self.data, &ids, &self.face(), |gid| self.piece(gid)),
        };
        r.map_err(|e| {
            Error::document(
                "font.subset",
                format!("字体 {} 子集化失败（{e}），请在设置中改用其他字体", self.family),
            )
        })
    }

    /// The subset font program for `glyphs`, zlib-compressed: per-document bytes are Huffman-coded
    /// with the face's table, glyph outlines are copied from the cache already coded.
    pub fn embed(&self, glyphs: &[u16]) -> Result<EmbeddedProgram> {
        let p = self.program(glyphs)?;
        let mut raw_len = p.prefix.len();
        for part in &p.parts {
            raw_len += match part {
                Part::Piece(x) => x.raw.len(),
                Part::Raw(r) => r.len(),
            };
        }
        let mut asm = deflate::Assembler::new(&self.table, raw_len);
        asm.literals(&p.prefix);
        for part in &p.parts {
            match part {
                Part::Piece(x) => asm.piece(&x.bits, &x.raw),
                Part::Raw(r) => asm.literals(r),
            }
        }
        Ok(EmbeddedProgram { zlib: asm.finish(), raw_len, cff: p.cff, gid_map: p.gid_map })
    }

    /// A ttf-parser view of the face (cheap: parses table headers only).
    pub fn face(&self) -> ttf_parser::Face<'_> {
        // Parsed successfully in `from_data`, so this cannot fail.
        ttf_parser::Face::parse(&self.data, self.index).expect("face parsed at load")
    }

    /// Whether the face has a glyph for `c`.
    pub fn has_char(&self, c: char) -> bool {
        self.face().glyph_index(c).map_or(false, |g| g.0 != 0)
    }

    /// Whether the outlines are CFF (PostScript) rather than TrueType.
    pub fn is_cff(&self) -> bool {
        matches!(self.outlines, Outlines::Cff(_))
    }

    /// Builds the font program holding `.notdef` plus `glyphs` (original glyph ids, any order,
    /// duplicates allowed). New glyph ids follow the order of the sorted, deduplicated input,
    /// starting at 1; the returned map gives them.
    pub fn subset_program(&self, glyphs: &[u16]) -> Result<SubsetProgram> {
        let p = self.program(glyphs)?;
        let mut bytes = p.prefix;
        for part in &p.parts {
            match part {
                Part::Piece(x) => bytes.extend_from_slice(&x.raw),
                Part::Raw(r) => bytes.extend_from_slice(r),
            }
        }
        Ok(SubsetProgram { bytes, cff: p.cff, gid_map: p.gid_map })
    }
}

/// A font program ready to embed, and how glyph ids were renumbered.
#[derive(Debug, Clone)]
pub struct SubsetProgram {
    /// The font program: a bare CID-keyed CFF (`/FontFile3 /CIDFontType0C`) or a TrueType sfnt
    /// (`/FontFile2`).
    pub bytes: Vec<u8>,
    /// True for a bare CFF, false for TrueType.
    pub cff: bool,
    /// Original glyph id → new glyph id (= CID, the code written in the content stream).
    pub gid_map: HashMap<u16, u16>,
}

// ---------------------------------------------------------------------------------------------
// Font discovery
// ---------------------------------------------------------------------------------------------

/// The fonts documents are typeset with: loaded once, shared by every document.
pub struct FontSet {
    faces: Vec<FontFace>,
    roles: Vec<FontRole>,
    body: usize,
    title: usize,
}

impl std::fmt::Debug for FontSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

struct Candidate {
    path: PathBuf,
    index: u32,
    family: String,
    weight: u16,
}

impl FontSet {
    /// Finds and loads the fonts. Order: explicit files from the settings, then the families of
    /// [`BODY_FAMILIES`] / [`TITLE_FAMILIES`] among the system fonts, `extra_dirs` and the bundled
    /// directory. Fails with a Chinese message when no CJK face at all can be found.
    pub fn load(cfg: &FontConfig) -> Result<FontSet> {
        let mut db = fontdb::Database::new();
        if !cfg.skip_system_fonts {
            db.load_system_fonts();
        }
        for d in cfg.extra_dirs.iter().chain(cfg.bundled_dir.iter()) {
            db.load_fonts_dir(d);
        }
        let mut faces: Vec<FontFace> = Vec::new();
        let mut roles: Vec<FontRole> = Vec::new();
        let mut files: HashMap<PathBuf, Arc<Vec<u8>>> = HashMap::new();
        let mut problems: Vec<String> = Vec::new();

        // Loads a face once; returns its position in `faces`.
        let mut load = |path: &Path,
                        index: u32,
                        faces: &mut Vec<FontFace>,
                        problems: &mut Vec<String>|
         -> Option<usize> {
            if let Some(i) = faces.iter().position(|f| f.path == path && f.index == index) {
                return Some(i);
            }
            let data = match files.get(path) {
                Some(d) => d.clone(),
                None => match std::fs::read(path) {
                    Ok(d) => {
                        let d = Arc::new(d);
                        files.insert(path.to_path_buf(), d.clone());
                        d
                    }
                    Err(e) => {
                        problems.push(format!("无法读取字体文件 {}：{e}", path.display()));
                        return None;
                    }
                },
            };
            match FontFace::from_data(data, index, path.to_path_buf()) {
                Ok(f) => {
                    faces.push(f);
                    Some(faces.len() - 1)
                }
                Err(e) => {
                    problems.push(e.message().to_string());
                    None
                }
            }
        };

        // Explicit files from the settings: errors here are the user's to fix, so report them.
        let mut body = None;
        let mut title = None;
        if let Some(p) = &cfg.body {
            let idx = default_face_index(p, &db);
            match load(p, idx, &mut faces, &mut problems) {
                Some(i) => body = Some(i),
                None => return Err(explicit_error("正文", p, &problems)),
            }
        }
        if let Some(p) = &cfg.title {
            let idx = default_face_index(p, &db);
            match load(p, idx, &mut faces, &mut problems) {
                Some(i) => title = Some(i),
                None => return Err(explicit_error("标题", p, &problems)),
            }
        }

        let find = |family: &str, want_bold: bool| -> Option<Candidate> {
            let mut best: Option<(i32, Candidate)> = None;
            for f in db.faces() {
                if !f.families.iter().any(|(n, _)| n.eq_ignore_ascii_case(family)) {
                    continue;
                }
                let fontdb::Source::File(path) = &f.source else { continue };
                let w = f.weight.0 as i32;
                let target = if want_bold { 700 } else { 400 };
                let mut score = -(w - target).abs();
                if f.style != fontdb::Style::Normal {
                    score -= 1000;
                }
                if best.as_ref().map_or(true, |(s, _)| score > *s) {
                    best = Some((
                        score,
                        Candidate {
                            path: path.clone(),
                            index: f.index,
                            family: family.to_string(),
                            weight: f.weight.0,
                        },
                    ));
                }
            }
            best.map(|(_, c)| c)
        };

        let body_cands: Vec<Candidate> =
            BODY_FAMILIES.iter().filter_map(|f| find(f, false)).collect();
        let title_cands: Vec<Candidate> =
            TITLE_FAMILIES.iter().filter_map(|f| find(f, true)).collect();
        let extra_cands: Vec<Candidate> =
            EXTRA_FALLBACK_FAMILIES.iter().filter_map(|f| find(f, false)).collect();

        if body.is_none() {
            for c in &body_cands {
                if let Some(i) = load(&c.path, c.index, &mut faces, &mut problems) {
                    if is_cjk_face(&faces[i]) {
                        body = Some(i);
                        break;
                    }
                }
            }
        }
        if title.is_none() {
            for c in &title_cands {
                if let Some(i) = load(&c.path, c.index, &mut faces, &mut problems) {
                    if is_cjk_face(&faces[i]) {
                        title = Some(i);
                        break;
                    }
                }
            }
        }
        // Last resort: any face on the machine that covers common Chinese text.
        if body.is_none() && title.is_none() {
            let mut seen = Vec::new();
            for f in db.faces() {
                let fontdb::Source::File(path) = &f.source else { continue };
                if seen.contains(&(path.clone(), f.index)) {
                    continue;
                }
                seen.push((path.clone(), f.index));
                let _ = (&f.families, f.weight);
                if let Some(i) = load(path, f.index, &mut faces, &mut problems) {
                    if is_cjk_face(&faces[i]) {
                        body = Some(i);
                        break;
                    }
                }
            }
        }
        let (body, title) = match (body, title) {
            (Some(b), Some(t)) => (b, t),
            (Some(b), None) => (b, b),
            (None, Some(t)) => (t, t),
            (None, None) => {
                let mut msg = "未找到可用的中文字体，无法生成文书。请安装 fonts-noto-cjk（Noto Serif CJK SC）\
                               或在设置中指定字体文件（如仿宋 simfang.ttf）"
                    .to_string();
                if !problems.is_empty() {
                    msg.push_str("；发现的问题：");
                    msg.push_str(&problems.join("；"));
                }
                return Err(Error::document("font.none", msg));
            }
        };
        // Fallbacks: every other candidate, in preference order, loaded now (each file once).
        for c in body_cands.iter().chain(title_cands.iter()).chain(extra_cands.iter()) {
            let _ = (&c.family, c.weight);
            let _ = load(&c.path, c.index, &mut faces, &mut problems);
        }
        roles.resize(faces.len(), FontRole::Fallback);
        roles[body] = FontRole::Body;
        roles[title] = if title == body { FontRole::Body } else { FontRole::Title };
        // Drop faces that cannot help with Chinese text at all.
        let mut keep: Vec<usize> = (0..faces.len())
            .filter(|&i| i == body || i == title || is_cjk_face(&faces[i]))
            .collect();
        keep.sort_unstable();
        let mut new_faces = Vec::new();
        let mut new_roles = Vec::new();
        let (mut nb, mut nt) = (0, 0);
        for (k, f) in faces.into_iter().enumerate() {
            if let Ok(pos) = keep.binary_search(&k) {
                if k == body {
                    nb = pos;
                }
                if k == title {
                    nt = pos;
                }
                new_faces.push(f);
                new_roles.push(roles[k]);
            }
        }
        let set = FontSet { faces: new_faces, roles: new_roles, body: nb, title: nt };
        set.faces[set.body].prewarm(COMMON_CHARS);
        if set.title != set.body {
            set.faces[set.title].prewarm(COMMON_CHARS);
        }
        Ok(set)
    }

    /// Builds a set from faces already loaded (tests, or a caller that found fonts itself).
    /// `faces[0]` is the body face, `faces[1]` (if any) the title face, the rest fallbacks.
    pub fn from_faces(faces: Vec<FontFace>) -> Result<FontSet> {
        if faces.is_empty() {
            return Err(Error::document(
                "font.none",
                "未找到可用的中文字体…请安装 fonts-noto-cjk 或在设置中指定字体文件",
            ));
        }
        let title = if faces.len() > 1 { 1 } else { 0 };
        let mut roles = vec![FontRole::Fallback; faces.len()];
        roles[0] = FontRole::Body;
        if title == 1 {
            roles[1] = FontRole::Title;
        }
        Ok(FontSet { faces, roles, body: 0, title })
    }

    /// All faces; indices are stable for the life of the set.
    pub fn faces(&self) -> &[FontFace] {
        &self.faces
    }
    pub fn body_index(&self) -> usize {
        self.body
    }
    pub fn title_index(&self) -> usize {
        self.title
    }
    pub fn body(&self) -> &FontFace {
        &self.faces[self.body]
    }
    pub fn title(&self) -> &FontFace {
        &self.faces[self.title]
    }

    /// Fallback order for a run typeset in face `primary`: the primary face, then the body face,
    /// the title face, then the others in preference order.
    pub fn fallback_order(&self, primary: usize) -> Vec<usize> {
        let mut v = vec![primary];
        for i in [self.body, self.title].into_iter().chain(0..self.faces.len()) {
            if !v.contains(&i) {
                v.push(i);
            }
        }
        v
    }

    /// The face that will draw `c` when the run's face is `primary`, if any face has it.
    pub fn face_for_char(&self, primary: usize, c: char) -> Option<usize> {
        self.fallback_order(primary).into_iter().find(|&i| self.faces[i].has_char(c))
    }

    /// Checks that every character of `text` can be drawn; the error names the first one that
    /// cannot (so a name with a rare character is never printed with a hole in it).
    pub fn check_text(&self, text: &str) -> Result<()> {
        for c in text.chars() {
            if c.is_control() || c.is_whitespace() {
                continue;
            }
            if self.face_for_char(self.body, c).is_none() {
                return Err(missing_char_error(c));
            }
        }
        Ok(())
    }

    /// A Chinese description of the chosen fonts, for the settings screen.
    pub fn describe(&self) -> String {
        let mut s = String::new();
        let line = |f: &FontFace| {
            format!(
                "{}（{}，第 {} 个字形集，字重 {}）",
                f.family,
                f.path.display(),
                f.index,
                f.weight
            )
        };
        s.push_str(&format!("正文字体：{}\n", line(&self.faces[self.body])));
        s.push_str(&format!("标题字体：{}\n", line(&self.faces[self.title])));
        let fb: Vec<String> = (0..self.faces.len())
            .filter(|&i| self.roles[i] == FontRole::Fallback)
            .map(|i| line(&self.faces[i]))
            .collect();
        if fb.is_empty() {
            s.push_str("备用字体：无\n");
        } else {
            s.push_str(&format!("备用字体：{}\n", fb.join("；")));
        }
        let body = &self.faces[self.body];
        if !BODY_FAMILIES[..5].iter().any(|f| body.family.eq_ignore_ascii_case(f)) {
            s.push_str("提示：未找到仿宋字体，正文使用替代字体；如需规范的仿宋_GB2312，请在设置中指定字体文件。\n");
        }
        s
    }
}

/// The error for a character no face can draw.
pub fn missing_char_error(c: char) -> Error {
    Error::document(
        "font.missing_char",
        format!(
            "字体中缺少汉字“{c}”（U+{:04X}），无法生成文书：请在设置中添加包含该字的字体文件（如 SimSun-ExtB、思源宋体），不能省略或替换当事人姓名中的字",
            c as u32
        ),
    )
}

fn explicit_error(what: &str, p: &Path, problems: &[String]) -> Error {
    let why = problems.last().cloned().unwrap_or_default();
    Error::document(
        "font.config",
        format!("设置中指定的{what}字体 {} 无法使用：{why}", p.display()),
    )
}

/// Face index to use for an explicit file: the simplified-Chinese face of a collection if fontdb
/// sees one (Noto CJK: index 2), else 0.
fn default_face_index(p: &Path, db: &fontdb::Database) -> u32 {
    let mut tmp = fontdb::Database::new();
    let faces: Vec<(u32, Vec<String>)> = {
        let found: Vec<_> = db
            .faces()
            .filter(|f| matches!(&f.source, fontdb::Source::File(fp) if fp == p))
            .map(|f| (f.index, f.families.iter().map(|x| x.0.clone()).collect()))
            .collect();
        if found.is_empty() {
            tmp.load_font_file(p).ok();
            tmp.faces()
                .map(|f| (f.index, f.families.iter().map(|x| x.0.clone()).collect()))
                .collect()
        } else {
            found
        }
    };
    faces
        .iter()
        .find(|(_, fams)| fams.iter().any(|n| n.ends_with(" SC") || n.contains("GB")))
        .or_else(|| faces.first())
        .map(|(i, _)| *i)
        .unwrap_or(0)
}

/// Whether a face covers everyday Chinese (so it is worth keeping as a body/title/fallback).
fn is_cjk_face(f: &FontFace) -> bool {
    let face = f.face();
    ['的', '法', '院', '执', '协', '议', '书'].iter().all(|c| face.glyph_index(*c).is_some())
}

// ---------------------------------------------------------------------------------------------
// Binary helpers
// ---------------------------------------------------------------------------------------------

fn rd_u16(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*d.get(at)?, *d.get(at + 1)?]))
}
fn rd_u32(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([*d.get(at)?, *d.get(at + 1)?, *d.get(at + 2)?, *d.get(at + 3)?]))
}
fn rd_off(d: &[u8], at: usize, size: u8) -> Option<u32> {
    let mut v = 0u32;
    for k in 0..size as usize {
        v = (v << 8) | *d.get(at + k)? as u32;
    }
    Some(v)
}

// ---------------------------------------------------------------------------------------------
// CFF: parse once, subset per document (desubroutinized, CID-keyed output)
// ---------------------------------------------------------------------------------------------

/// A CFF INDEX: `starts[i]..starts[i+1]` are the absolute byte ranges of the objects.
#[derive(Debug, Default, Clone)]
struct CffIndex {
    starts: Vec<u32>,
}

impl CffIndex {
    fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }
    fn get(&self, i: usize) -> Option<Range<usize>> {
        if i + 1 < self.starts.len() {
            Some(self.starts[i] as usize..self.starts[i + 1] as usize)
        } else {
            None
        }
    }
    /// Parses the INDEX at `pos` (absolute); returns it and the position after it.
    fn parse(d: &[u8], pos: usize) -> std::result::Result<(CffIndex, usize), String> {
        let count = rd_u16(d, pos).ok_or("INDEX 越界")? as usize;
        if count == 0 {
            return Ok((CffIndex::default(), pos + 2));
        }
        let off_size = *d.get(pos + 2).ok_or("INDEX 越界")?;
        if !(1..=4).contains(&off_size) {
            return Err("INDEX offSize 无效".into());
        }
        let data_base = pos + 3 + (count + 1) * off_size as usize - 1;
        let mut starts = Vec::with_capacity(count + 1);
        for i in 0..=count {
            let o = rd_off(d, pos + 3 + i * off_size as usize, off_size).ok_or("INDEX 越界")?;
            let abs = data_base + o as usize;
            if abs > d.len() {
                return Err("INDEX 偏移越界".into());
            }
            starts.push(abs as u32);
        }
        let end = *starts.last().unwrap() as usize;
        Ok((CffIndex { starts }, end))
    }
}

/// One DICT entry: operator (escaped ones as 1200 + second byte), raw operand bytes, values.
#[derive(Debug, Clone)]
struct DictEntry {
    op: u16,
    raw: Range<usize>,
    vals: Vec<f64>,
}

fn parse_dict(d: &[u8], range: Range<usize>) -> std::result::Result<Vec<DictEntry>, String> {
    let mut out = Vec::new();
    let mut i = range.start;
    let mut start = i;
    let mut vals = Vec::new();
    let end = range.end.min(d.len());
    while i < end {
        let b0 = d[i];
        match b0 {
            0..=21 => {
                let (op, len) = if b0 == 12 {
                    (1200 + *d.get(i + 1).ok_or("DICT 越界")? as u16, 2)
                } else {
                    (b0 as u16, 1)
                };
                out.push(DictEntry { op, raw: start..i, vals: std::mem::take(&mut vals) });
                i += len;
                start = i;
            }
            28 => {
                vals.push(i16::from_be_bytes([d[i + 1], d[i + 2]]) as f64);
                i += 3;
            }
            29 => {
                vals.push(rd_u32(d, i + 1).ok_or("DICT 越界")? as i32 as f64);
                i += 5;
            }
            30 => {
                // Real number: nibbles until 0xf.
                let mut s = String::new();
                i += 1;
                'real: while i < end {
                    let b = d[i];
                    i += 1;
                    for nib in [b >> 4, b & 0xf] {
                        match nib {
                            0..=9 => s.push((b'0' + nib) as char),
                            0xa => s.push('.'),
                            0xb => s.push('E'),
                            0xc => s.push_str("E-"),
                            0xe => s.push('-'),
                            0xf => break 'real,
                            _ => {}
                        }
                    }
                }
                vals.push(s.parse().unwrap_or(0.0));
            }
            32..=246 => {
                vals.push(b0 as f64 - 139.0);
                i += 1;
            }
            247..=250 => {
                vals.push((b0 as f64 - 247.0) * 256.0 + d[i + 1] as f64 + 108.0);
                i += 2;
            }
            251..=254 => {
                vals.push(-(b0 as f64 - 251.0) * 256.0 - d[i + 1] as f64 - 108.0);
                i += 2;
            }
            _ => return Err(format!("DICT 中有无效字节 {b0}")),
        }
    }
    Ok(out)
}

/// Writes `v` as a 5-byte DICT integer (fixed size, so offsets can be patched).
fn dict_int(out: &mut Vec<u8>, v: i32) {
    out.push(29);
    out.extend_from_slice(&v.to_be_bytes());
}
fn dict_op(out: &mut Vec<u8>, op: u16) {
    if op >= 1200 {
        out.push(12);
        out.push((op - 1200) as u8);
    } else {
        out.push(op as u8);
    }
}

#[derive(Debug)]
struct CffFd {
    /// Font DICT entries other than Private (raw bytes incl. operators).
    font_dict: Vec<u8>,
    /// Private DICT without Subrs.
    private: Vec<u8>,
    local_subrs: Option<CffIndex>,
}

#[derive(Debug)]
struct CffFont {
    charstrings: CffIndex,
    global_subrs: CffIndex,
    /// Font DICT index of each glyph.
    fd_select: Vec<u8>,
    fds: Vec<CffFd>,
    /// Raw FontMatrix / FontBBox entries of the top DICT (operands + operator), if present.
    top_copy: Vec<u8>,
}

impl CffFont {
    fn parse(
        d: &[u8],
        table: Range<usize>,
        num_glyphs: u16,
    ) -> std::result::Result<CffFont, String> {
        let t0 = table.start;
        let hdr_size = *d.get(t0 + 2).ok_or("CFF 头越界")? as usize;
        let (_names, p) = CffIndex::parse(d, t0 + hdr_size)?;
        let (tops, p) = CffIndex::parse(d, p)?;
        let (_strings, p) = CffIndex::parse(d, p)?;
        let (global_subrs, _) = CffIndex::parse(d, p)?;
        let top = parse_dict(d, tops.get(0).ok_or("没有 Top DICT")?)?;
        let get = |op: u16| top.iter().find(|e| e.op == op);
        let cs_off = get(17).and_then(|e| e.vals.first()).ok_or("没有 CharStrings")? as &f64;
        let (charstrings, _) = CffIndex::parse(d, t0 + *cs_off as usize)?;
        let n = charstrings.len();
        if n == 0 || n < num_glyphs as usize {
            return Err("CharStrings 数量不对".into());
        }
        let mut top_copy = Vec::new();
        for e in &top {
            if e.op == 1207 || e.op == 5 {
                top_copy.extend_from_slice(&d[e.raw.clone()]);
                dict_op(&mut top_copy, e.op);
            }
        }
        let read_private =
            |size: usize, off: usize| -> std::result::Result<(Vec<u8>, Option<CffIndex>), String> {
                let start = t0 + off;
                let entries = parse_dict(d, start..start + size)?;
                let mut private = Vec::new();
                let mut subrs = None;
                for e in entries {
                    if e.op == 19 {
                        let rel = *e.vals.first().ok_or("Subrs 无操作数")? as usize;
                        subrs = Some(CffIndex::parse(d, start + rel)?.0);
                    } else {
                        private.extend_from_slice(&d[e.raw.clone()]);
                        dict_op(&mut private, e.op);
                    }
                }
                Ok((private, subrs))
            };
        let is_cid = get(1230).is_some();
        let (fds, fd_select) = if is_cid {
            let fda = get(1236).and_then(|e| e.vals.first()).ok_or("没有 FDArray")?;
            let (fd_index, _) = CffIndex::parse(d, t0 + *fda as usize)?;
            let mut fds = Vec::new();
            for i in 0..fd_index.len() {
                let entries = parse_dict(d, fd_index.get(i).unwrap())?;
                let mut font_dict = Vec::new();
                let mut private = (Vec::new(), None);
                for e in entries {
                    if e.op == 18 {
                        if e.vals.len() < 2 {
                            return Err("Private 操作数不足".into());
                        }
                        private = read_private(e.vals[0] as usize, e.vals[1] as usize)?;
                    } else {
                        font_dict.extend_from_slice(&d[e.raw.clone()]);
                        dict_op(&mut font_dict, e.op);
                    }
                }
                fds.push(CffFd { font_dict, private: private.0, local_subrs: private.1 });
            }
            let fss = get(1237).and_then(|e| e.vals.first()).ok_or("没有 FDSelect")?;
            let p = t0 + *fss as usize;
            let mut sel = vec![0u8; n];
            match d.get(p) {
                Some(0) => {
                    for (g, s) in sel.iter_mut().enumerate() {
                        *s = *d.get(p + 1 + g).ok_or("FDSelect 越界")?;
                    }
                }
                Some(3) => {
                    let nr = rd_u16(d, p + 1).ok_or("FDSelect 越界")? as usize;
                    for r in 0..nr {
                        let first = rd_u16(d, p + 3 + r * 3).ok_or("FDSelect 越界")? as usize;
                        let fd = *d.get(p + 5 + r * 3).ok_or("FDSelect 越界")?;
                        let next = rd_u16(d, p + 6 + r * 3).ok_or("FDSelect 越界")? as usize;
                        for g in first..next.min(n) {
                            sel[g] = fd;
                        }
                    }
                }
                _ => return Err("不支持的 FDSelect 格式".into()),
            }
            if sel.iter().any(|&f| f as usize >= fds.len()) {
                return Err("FDSelect 指向不存在的 FD".into());
            }
            (fds, sel)
        } else {
            let pe = get(18).ok_or("没有 Private DICT")?;
            if pe.vals.len() < 2 {
                return Err("Private 操作数不足".into());
            }
            let (private, subrs) = read_private(pe.vals[0] as usize, pe.vals[1] as usize)?;
            (vec![CffFd { font_dict: Vec::new(), private, local_subrs: subrs }], vec![0u8; n])
        };
        Ok(CffFont { charstrings, global_subrs, fd_select, fds, top_copy })
    }

    /// The charstring of `gid` with every subroutine call inlined.
    fn desubr_glyph(&self, d: &[u8], gid: u16) -> std::result::Result<Vec<u8>, String> {
        let fd = &self.fds[*self.fd_select.get(gid as usize).ok_or("字形越界")? as usize];
        let mut ds = Desubr {
            d,
            gsubrs: &self.global_subrs,
            lsubrs: fd.local_subrs.as_ref(),
            out: Vec::with_capacity(256),
            nstems: 0,
            stack: 0,
            last_num: None,
            ended: false,
        };
        let r = self.charstrings.get(gid as usize).ok_or("字形越界")?;
        ds.run(r, 0).map_err(|e| format!("字形 {gid}：{e}"))?;
        Ok(ds.out)
    }

    /// Lays out a CID-keyed CFF holding .notdef plus `ids` (sorted, unique, non-zero): every
    /// table before the charstring data is built here; the charstrings are the cached pieces.
    fn program(
        &self,
        ids: &[u16],
        ps_name: &str,
        piece: impl Fn(u16) -> std::result::Result<Arc<GlyphPiece>, String>,
    ) -> std::result::Result<Program, String> {
        let mut order: Vec<u16> = Vec::with_capacity(ids.len() + 1);
        order.push(0);
        order.extend(ids.iter().copied().filter(|&g| (g as usize) < self.charstrings.len()));
        let n = order.len();
        // Used FDs, renumbered in order of first use.
        let mut fd_map: Vec<i16> = vec![-1; self.fds.len()];
        let mut fd_order: Vec<usize> = Vec::new();
        let mut new_fd: Vec<u8> = Vec::with_capacity(n);
        for &g in &order {
            let fd = self.fd_select[g as usize] as usize;
            if fd_map[fd] < 0 {
                fd_map[fd] = fd_order.len() as i16;
                fd_order.push(fd);
            }
            new_fd.push(fd_map[fd] as u8);
        }
        let pieces: Vec<Arc<GlyphPiece>> =
            order.iter().map(|&g| piece(g)).collect::<std::result::Result<_, _>>()?;
        let cs_total: usize = pieces.iter().map(|p| p.raw.len()).sum();

        let mut out: Vec<u8> = Vec::with_capacity(n * 4 + 2048);
        out.extend_from_slice(&[1, 0, 4, 4]);
        write_index(&mut out, &[ps_name.as_bytes()]);
        // Top DICT; offsets are fixed-size and patched below.
        let mut top = Vec::new();
        dict_int(&mut top, 391);
        dict_int(&mut top, 392);
        dict_int(&mut top, 0);
        dict_op(&mut top, 1230); // ROS Adobe-Identity-0
        top.extend_from_slice(&self.top_copy);
        dict_int(&mut top, n as i32);
        dict_op(&mut top, 1234); // CIDCount
        let mut patch_at = [0usize; 4];
        for (k, op) in [15u16, 1237, 1236, 17].into_iter().enumerate() {
            patch_at[k] = top.len() + 1;
            dict_int(&mut top, 0);
            dict_op(&mut top, op);
        }
        write_index(&mut out, &[&top]);
        let top_data_pos = out.len() - top.len();
        write_index(&mut out, &[b"Adobe", b"Identity"]);
        out.extend_from_slice(&[0, 0]); // no global subrs (desubroutinized)
                                        // charset: format 2, one range, CID = new glyph id.
        let charset_off = out.len();
        if n > 1 {
            out.push(2);
            out.extend_from_slice(&1u16.to_be_bytes());
            out.extend_from_slice(&((n - 2) as u16).to_be_bytes());
        } else {
            out.push(0);
        }
        // FDSelect format 3.
        let fdselect_off = out.len();
        let mut ranges: Vec<(u16, u8)> = Vec::new();
        for (g, &fd) in new_fd.iter().enumerate() {
            if ranges.last().map_or(true, |r| r.1 != fd) {
                ranges.push((g as u16, fd));
            }
        }
        out.push(3);
        out.extend_from_slice(&(ranges.len() as u16).to_be_bytes());
        for (first, fd) in &ranges {
            out.extend_from_slice(&first.to_be_bytes());
            out.push(*fd);
        }
        out.extend_from_slice(&(n as u16).to_be_bytes());
        // FDArray; the private DICTs follow it.
        let fdarray_off = out.len();
        let privates: Vec<&[u8]> =
            fd_order.iter().map(|&i| self.fds[i].private.as_slice()).collect();
        let fd_total: usize = fd_order.iter().map(|&i| self.fds[i].font_dict.len() + 11).sum();
        let fd_os = off_size_for(fd_total + 1);
        let fdarray_len = 3 + (fd_order.len() + 1) * fd_os as usize + fd_total;
        let mut priv_pos = fdarray_off + fdarray_len;
        let mut fd_dicts: Vec<Vec<u8>> = Vec::new();
        for (k, &i) in fd_order.iter().enumerate() {
            let mut fdict = self.fds[i].font_dict.clone();
            dict_int(&mut fdict, privates[k].len() as i32);
            dict_int(&mut fdict, priv_pos as i32);
            dict_op(&mut fdict, 18);
            priv_pos += privates[k].len();
            fd_dicts.push(fdict);
        }
        let refs: Vec<&[u8]> = fd_dicts.iter().map(|v| v.as_slice()).collect();
        write_index(&mut out, &refs);
        if out.len() != fdarray_off + fdarray_len {
            return Err("FDArray 长度计算错误".into());
        }
        for p in &privates {
            out.extend_from_slice(p);
        }
        // CharStrings INDEX header and offsets; the data are the pieces.
        let charstrings_off = out.len();
        let os = off_size_for(cs_total + 1);
        out.extend_from_slice(&(n as u16).to_be_bytes());
        out.push(os);
        let mut off = 1u32;
        let push_off = |out: &mut Vec<u8>, v: u32| {
            for k in (0..os).rev() {
                out.push((v >> (8 * k)) as u8);
            }
        };
        push_off(&mut out, off);
        for p in &pieces {
            off += p.raw.len() as u32;
            push_off(&mut out, off);
        }
        for (k, v) in [charset_off, fdselect_off, fdarray_off, charstrings_off].iter().enumerate() {
            let at = top_data_pos + patch_at[k];
            out[at..at + 4].copy_from_slice(&(*v as i32).to_be_bytes());
        }
        let gid_map = order.iter().enumerate().map(|(i, &g)| (g, i as u16)).collect();
        Ok(Program {
            prefix: out,
            parts: pieces.into_iter().map(Part::Piece).collect(),
            cff: true,
            gid_map,
        })
    }
}

fn off_size_for(max: usize) -> u8 {
    if max < 0x100 {
        1
    } else if max < 0x10000 {
        2
    } else if max < 0x1000000 {
        3
    } else {
        4
    }
}

fn write_index(out: &mut Vec<u8>, items: &[&[u8]]) {
    if items.is_empty() {
        out.extend_from_slice(&[0, 0]);
        return;
    }
    let total: usize = items.iter().map(|i| i.len()).sum();
    let os = off_size_for(total + 1);
    out.extend_from_slice(&(items.len() as u16).to_be_bytes());
    out.push(os);
    let mut off = 1u32;
    let put = |out: &mut Vec<u8>, v: u32| {
        for k in (0..os).rev() {
            out.push((v >> (8 * k)) as u8);
        }
    };
    put(out, off);
    for it in items {
        off += it.len() as u32;
        put(out, off);
    }
    for it in items {
        out.extend_from_slice(it);
    }
}

fn subr_bias(count: usize) -> i32 {
    if count < 1240 {
        107
    } else if count < 33900 {
        1131
    } else {
        32768
    }
}

/// Inlines every subroutine call of a Type 2 charstring.
struct Desubr<'a> {
    d: &'a [u8],
    gsubrs: &'a CffIndex,
    lsubrs: Option<&'a CffIndex>,
    out: Vec<u8>,
    nstems: usize,
    stack: usize,
    /// Output position and value of the number just pushed (the operand of a following call).
    last_num: Option<(usize, i32)>,
    ended: bool,
}

impl<'a> Desubr<'a> {
    fn run(&mut self, r: Range<usize>, depth: u8) -> std::result::Result<(), String> {
        if depth > 10 {
            return Err("子程序嵌套过深".into());
        }
        let d = self.d;
        let end = r.end.min(d.len());
        let mut i = r.start;
        while i < end {
            let b0 = d[i];
            match b0 {
                28 => {
                    let v = i16::from_be_bytes([
                        *d.get(i + 1).ok_or("越界")?,
                        *d.get(i + 2).ok_or("越界")?,
                    ]);
                    self.num(i, 3, v as i32);
                    i += 3;
                }
                32..=246 => {
                    self.num(i, 1, b0 as i32 - 139);
                    i += 1;
                }
                247..=250 => {
                    let v = (b0 as i32 - 247) * 256 + *d.get(i + 1).ok_or("越界")? as i32 + 108;
                    self.num(i, 2, v);
                    i += 2;
                }
                251..=254 => {
                    let v = -(b0 as i32 - 251) * 256 - *d.get(i + 1).ok_or("越界")? as i32 - 108;
                    self.num(i, 2, v);
                    i += 2;
                }
                255 => {
                    let v = rd_u32(d, i + 1).ok_or("越界")? as i32 >> 16;
                    self.num(i, 5, v);
                    i += 5;
                }
                10 | 29 => {
                    let (pos, v) = self.last_num.take().ok_or("调用子程序前没有编号")?;
                    self.out.truncate(pos);
                    self.stack -= 1;
                    let subrs = if b0 == 10 {
                        self.lsubrs.ok_or("没有局部子程序")?
                    } else {
                        self.gsubrs
                    };
                    let idx = v + subr_bias(subrs.len());
                    let sr = subrs
                        .get(usize::try_from(idx).map_err(|_| "子程序编号无效")?)
                        .ok_or("子程序编号越界")?;
                    self.run(sr, depth + 1)?;
                    if self.ended {
                        return Ok(());
                    }
                    i += 1;
                }
                11 => return Ok(()),
                14 => {
                    self.out.push(14);
                    self.ended = true;
                    return Ok(());
                }
                1 | 3 | 18 | 23 => {
                    self.nstems += self.stack / 2;
                    self.op(&d[i..i + 1]);
                    i += 1;
                }
                19 | 20 => {
                    self.nstems += self.stack / 2;
                    let nb = (self.nstems + 7) / 8;
                    let bytes = d.get(i..i + 1 + nb).ok_or("hintmask 越界")?;
                    self.op(bytes);
                    i += 1 + nb;
                }
                12 => {
                    let b1 = *d.get(i + 1).ok_or("越界")?;
                    if !(34..=37).contains(&b1) {
                        return Err(format!("不支持的运算符 12 {b1}"));
                    }
                    self.op(&d[i..i + 2]);
                    i += 2;
                }
                0 | 2 | 9 | 13 | 15 | 16 | 17 => return Err(format!("保留运算符 {b0}")),
                _ => {
                    self.op(&d[i..i + 1]);
                    i += 1;
                }
            }
        }
        Ok(())
    }
    #[inline]
    fn num(&mut self, at: usize, len: usize, v: i32) {
        self.last_num = Some((self.out.len(), v));
        self.out.extend_from_slice(&self.d[at..at + len]);
        self.stack += 1;
    }
    #[inline]
    fn op(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
        self.stack = 0;
        self.last_num = None;
    }
}

// ---------------------------------------------------------------------------------------------
// TrueType: glyf subset as a minimal sfnt
// ---------------------------------------------------------------------------------------------

#[derive(Debug)]
struct GlyfFont {
    /// Absolute start of each glyph (num_glyphs + 1 entries).
    loca: Vec<u32>,
    head: Vec<u8>,
    hhea: Vec<u8>,
    maxp: Vec<u8>,
    cvt: Option<Vec<u8>>,
    fpgm: Option<Vec<u8>>,
    prep: Option<Vec<u8>>,
}

impl GlyfFont {
    fn glyph<'d>(&self, d: &'d [u8], g: u16) -> &'d [u8] {
        let g = g as usize;
        if g + 1 >= self.loca.len() {
            return &[];
        }
        let (a, b) = (self.loca[g] as usize, self.loca[g + 1] as usize);
        if b <= a || b > d.len() {
            &[]
        } else {
            &d[a..b]
        }
    }

    /// Component glyph ids of a composite glyph with their byte positions.
    fn components(g: &[u8]) -> Vec<(usize, u16)> {
        let mut v = Vec::new();
        if g.len() < 10 || i16::from_be_bytes([g[0], g[1]]) >= 0 {
            return v;
        }
        let mut p = 10;
        loop {
            let (Some(flags), Some(gid)) = (rd_u16(g, p), rd_u16(g, p + 2)) else { break };
            v.push((p + 2, gid));
            p += 4;
            p += if flags & 1 != 0 { 4 } else { 2 };
            if flags & 0x8 != 0 {
                p += 2;
            } else if flags & 0x40 != 0 {
                p += 4;
            } else if flags & 0x80 != 0 {
                p += 8;
            }
            if flags & 0x20 == 0 {
                break;
            }
        }
        v
    }

    fn program(
        &self,
        d: &[u8],
        ids: &[u16],
        face: &ttf_parser::Face<'_>,
        piece: impl Fn(u16) -> std::result::Result<Arc<GlyphPiece>, String>,
    ) -> std::result::Result<Program, String> {
        let n_orig = self.loca.len().saturating_sub(1);
        let mut order: Vec<u16> = vec![0];
        order.extend(ids.iter().copied().filter(|&g| (g as usize) < n_orig));
        let mut gid_map: HashMap<u16, u16> =
            order.iter().enumerate().map(|(i, &g)| (g, i as u16)).collect();
        // Composite closure: components become glyphs of the subset too.
        let mut i = 0;
        while i < order.len() {
            for (_, c) in Self::components(self.glyph(d, order[i])) {
                if (c as usize) < n_orig && !gid_map.contains_key(&c) {
                    gid_map.insert(c, order.len() as u16);
                    order.push(c);
                }
            }
            i += 1;
        }
        let n = order.len();
        let mut parts = Vec::with_capacity(n);
        let mut loca = Vec::with_capacity((n + 1) * 4);
        let mut hmtx = Vec::with_capacity(n * 4);
        let mut glyf_len = 0u32;
        let mut glyf_sum = 0u32;
        for &g in &order {
            loca.extend_from_slice(&glyf_len.to_be_bytes());
            let src = self.glyph(d, g);
            let comps = Self::components(src);
            if comps.is_empty() {
                let p = piece(g)?;
                glyf_len += p.raw.len() as u32;
                glyf_sum = glyf_sum.wrapping_add(p.checksum);
                parts.push(Part::Piece(p));
            } else {
                // Composite: component ids are renumbered per document, so not cached.
                let mut raw = src.to_vec();
                for (pos, c) in comps {
                    let nc = gid_map.get(&c).copied().unwrap_or(0);
                    raw[pos..pos + 2].copy_from_slice(&nc.to_be_bytes());
                }
                while raw.len() % 4 != 0 {
                    raw.push(0);
                }
                glyf_len += raw.len() as u32;
                glyf_sum = glyf_sum.wrapping_add(table_checksum(&raw));
                parts.push(Part::Raw(raw));
            }
            let gid = ttf_parser::GlyphId(g);
            hmtx.extend_from_slice(&face.glyph_hor_advance(gid).unwrap_or(0).to_be_bytes());
            hmtx.extend_from_slice(&face.glyph_hor_side_bearing(gid).unwrap_or(0).to_be_bytes());
        }
        loca.extend_from_slice(&glyf_len.to_be_bytes());
        let mut head = self.head.clone();
        if head.len() < 54 {
            return Err("head 表过短".into());
        }
        head[8..12].copy_from_slice(&[0, 0, 0, 0]);
        head[50..52].copy_from_slice(&1u16.to_be_bytes());
        let mut hhea = self.hhea.clone();
        if hhea.len() < 36 {
            return Err("hhea 表过短".into());
        }
        hhea[34..36].copy_from_slice(&(n as u16).to_be_bytes());
        let mut maxp = self.maxp.clone();
        if maxp.len() < 6 {
            return Err("maxp 表过短".into());
        }
        maxp[4..6].copy_from_slice(&(n as u16).to_be_bytes());
        // Directory sorted by tag; glyf is stored last so its data can be the cached pieces.
        let mut tables: Vec<(&[u8; 4], Vec<u8>)> = Vec::new();
        if let Some(t) = &self.cvt {
            tables.push((b"cvt ", t.clone()));
        }
        if let Some(t) = &self.fpgm {
            tables.push((b"fpgm", t.clone()));
        }
        tables.push((b"head", head));
        tables.push((b"hhea", hhea));
        tables.push((b"hmtx", hmtx));
        tables.push((b"loca", loca));
        tables.push((b"maxp", maxp));
        if let Some(t) = &self.prep {
            tables.push((b"prep", t.clone()));
        }
        let num = tables.len() + 1;
        let mut es = 0u16;
        while (1usize << (es + 1)) <= num {
            es += 1;
        }
        let sr = (1u16 << es) * 16;
        let mut out = Vec::new();
        out.extend_from_slice(&0x00010000u32.to_be_bytes());
        out.extend_from_slice(&(num as u16).to_be_bytes());
        out.extend_from_slice(&sr.to_be_bytes());
        out.extend_from_slice(&es.to_be_bytes());
        out.extend_from_slice(&((num as u16) * 16 - sr).to_be_bytes());
        let mut off = 12 + 16 * num;
        let mut dir: Vec<([u8; 4], u32, u32, u32)> = Vec::new();
        for (tag, data) in &tables {
            dir.push((**tag, table_checksum(data), off as u32, data.len() as u32));
            off += (data.len() + 3) & !3;
        }
        dir.push((*b"glyf", glyf_sum, off as u32, glyf_len));
        dir.sort_by(|a, b| a.0.cmp(&b.0));
        let mut total = 0u32;
        for (tag, sum, o, len) in &dir {
            out.extend_from_slice(tag);
            out.extend_from_slice(&sum.to_be_bytes());
            out.extend_from_slice(&o.to_be_bytes());
            out.extend_from_slice(&len.to_be_bytes());
            total = total.wrapping_add(*sum);
        }
        total = total.wrapping_add(table_checksum(&out));
        let mut head_at = 0;
        for (tag, data) in &tables {
            if *tag == b"head" {
                head_at = out.len();
            }
            out.extend_from_slice(data);
            while out.len() % 4 != 0 {
                out.push(0);
            }
        }
        let adj = 0xB1B0AFBAu32.wrapping_sub(total);
        out[head_at + 8..head_at + 12].copy_from_slice(&adj.to_be_bytes());
        Ok(Program { prefix: out, parts, cff: false, gid_map })
    }
}

fn table_checksum(t: &[u8]) -> u32 {
    let mut sum = 0u32;
    for ch in t.chunks(4) {
        let mut b = [0u8; 4];
        b[..ch.len()].copy_from_slice(ch);
        sum = sum.wrapping_add(u32::from_be_bytes(b));
    }
    sum
}

/// Glyphs a document uses in one face: original glyph id → the text it stands for.
pub type GlyphSet = BTreeMap<u16, char>;

// ---------------------------------------------------------------------------------------------
// Deflate (zlib) encoder: fast LZ77 + one dynamic Huffman block
// ---------------------------------------------------------------------------------------------

/// A small, fast zlib encoder (RFC 1950/1951): hash-chain LZ77 with one-step lazy matching and
/// a single dynamic-Huffman block. About zlib level 5–6 in size and several times faster than
/// lopdf's level-9 `compress()`, which dominated printpdf's save time.
pub mod deflate {
    const WINDOW: usize = 32768;
    const HASH_BITS: u32 = 15;
    const MIN_MATCH: usize = 4;
    const MAX_MATCH: usize = 258;

    /// Compresses `data` as a zlib stream (what a PDF `/FlateDecode` filter expects).
    pub fn zlib(data: &[u8]) -> Vec<u8> {
        zlib_with(data, 8)
    }

    /// Fast setting for data that barely compresses (font programs): short chains, no lazy
    /// matching.
    pub fn zlib_fast(data: &[u8]) -> Vec<u8> {
        zlib_with(data, 1)
    }

    /// Like [`zlib`], with an explicit hash-chain depth (more = smaller and slower).
    pub fn zlib_with(data: &[u8], chain: usize) -> Vec<u8> {
        let tokens =
            if chain == 0 { data.iter().map(|&b| b as u32).collect() } else { lz77(data, chain) };
        let mut w = BitWriter { out: Vec::with_capacity(data.len() / 2 + 64), acc: 0, n: 0 };
        w.out.extend_from_slice(&[0x78, 0x9C]);
        write_block(&mut w, &tokens);
        w.flush();
        w.out.extend_from_slice(&adler32(data).to_be_bytes());
        w.out
    }

    pub fn adler32(data: &[u8]) -> u32 {
        let (mut a, mut b) = (1u32, 0u32);
        adler_update(&mut a, &mut b, data);
        (b << 16) | a
    }

    /// Adler-32 over a block without the serial a→b dependency (so it vectorizes):
    /// b += n·a + Σ (n − k)·x_k, a += Σ x_k.
    fn adler_update(a: &mut u32, b: &mut u32, data: &[u8]) {
        for chunk in data.chunks(4096) {
            let n = chunk.len() as u32;
            let (mut s1, mut s2) = (0u32, 0u32);
            for (k, &x) in chunk.iter().enumerate() {
                s1 += x as u32;
                s2 += (n - k as u32) * x as u32;
            }
            *b = ((*b as u64 + n as u64 * *a as u64 + s2 as u64) % 65521) as u32;
            *a = ((*a as u64 + s1 as u64) % 65521) as u32;
        }
    }

    #[inline(always)]
    fn hash4(d: &[u8], i: usize, bits: u32) -> usize {
        let v = u32::from_le_bytes([d[i], d[i + 1], d[i + 2], d[i + 3]]);
        (v.wrapping_mul(2654435761) >> (32 - bits)) as usize
    }

    /// Length of the common prefix of `d[a..]` and `d[b..]` (a < b), at most `max`.
    #[inline(always)]
    fn match_len(d: &[u8], a: usize, b: usize, max: usize) -> usize {
        let mut l = 0;
        while l + 8 <= max {
            let x = u64::from_le_bytes(d[a + l..a + l + 8].try_into().unwrap());
            let y = u64::from_le_bytes(d[b + l..b + l + 8].try_into().unwrap());
            let z = x ^ y;
            if z != 0 {
                return l + (z.trailing_zeros() / 8) as usize;
            }
            l += 8;
        }
        while l < max && d[a + l] == d[b + l] {
            l += 1;
        }
        l
    }

    /// Token: literal byte (< 256) or `1<<31 | len<<16 | dist`.
    fn lz77(d: &[u8], chain: usize) -> Vec<u32> {
        let n = d.len();
        let mut tokens = Vec::with_capacity(n / 8 + 256);
        if n < MIN_MATCH + 8 {
            tokens.extend(d.iter().map(|&b| b as u32));
            return tokens;
        }
        let bits = if n < 1 << 13 {
            11
        } else if n < 1 << 16 {
            13
        } else {
            HASH_BITS
        };
        let wsize = n.next_power_of_two().min(WINDOW);
        let wmask = wsize - 1;
        // Hash tables are reused between calls (no fresh pages to fault in per document);
        // `prev` is only read where it was written, so only `head` needs clearing.
        thread_local! {
            static TABLES: std::cell::RefCell<(Vec<u32>, Vec<u32>)> = const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
        }
        let (mut head, mut prev) = TABLES.with(|t| std::mem::take(&mut *t.borrow_mut()));
        head.clear();
        head.resize(1 << bits, u32::MAX);
        if prev.len() < wsize {
            prev.resize(wsize, u32::MAX);
        }
        let last = n - MIN_MATCH;
        let lazy = chain > 1;
        // Inserts position i and returns the previous head of its chain.
        #[inline(always)]
        fn insert(
            d: &[u8],
            head: &mut [u32],
            prev: &mut [u32],
            wmask: usize,
            bits: u32,
            i: usize,
        ) -> u32 {
            let h = hash4(d, i, bits);
            let c = head[h];
            prev[i & wmask] = c;
            head[h] = i as u32;
            c
        }
        // Longest match at i longer than `min_len` along the chain starting at `cand`.
        let find = |prev: &[u32], mut cand: u32, i: usize, min_len: usize| -> (usize, usize) {
            let mut best_len = min_len;
            let mut best_dist = 0;
            let max_len = MAX_MATCH.min(n - i);
            let mut steps = chain;
            while cand != u32::MAX && steps > 0 {
                let c = cand as usize;
                if c >= i || i - c >= wsize {
                    break;
                }
                let probe = best_len.min(max_len - 1);
                if d[c + probe] == d[i + probe] {
                    let l = match_len(d, c, i, max_len);
                    if l > best_len {
                        best_len = l;
                        best_dist = i - c;
                        if l >= max_len || l >= 64 {
                            break;
                        }
                    }
                }
                let p = prev[c & wmask];
                if p == u32::MAX || p as usize >= c {
                    break;
                }
                cand = p;
                steps -= 1;
            }
            if best_dist == 0 {
                (0, 0)
            } else {
                (best_len, best_dist)
            }
        };
        let mut i = 0;
        while i < n {
            if i > last {
                tokens.push(d[i] as u32);
                i += 1;
                continue;
            }
            let cand = insert(d, &mut head, &mut prev, wmask, bits, i);
            let (len, dist) = find(&prev, cand, i, MIN_MATCH - 1);
            if len < MIN_MATCH {
                tokens.push(d[i] as u32);
                i += 1;
                continue;
            }
            let (mut len, mut dist) = (len, dist);
            let mut start = i;
            if lazy && len < 16 && i + 1 <= last {
                let cand2 = insert(d, &mut head, &mut prev, wmask, bits, i + 1);
                let (l2, d2) = find(&prev, cand2, i + 1, len);
                if l2 > len {
                    tokens.push(d[i] as u32);
                    start = i + 1;
                    len = l2;
                    dist = d2;
                }
                // i + 1 is inserted either way.
                tokens.push(0x8000_0000 | ((len as u32) << 16) | dist as u32);
                let end = start + len;
                let stop = if len > 32 { (start + 4).min(end) } else { end };
                let mut j = i + 2;
                while j < stop && j <= last {
                    insert(d, &mut head, &mut prev, wmask, bits, j);
                    j += 1;
                }
                i = end;
                continue;
            }
            tokens.push(0x8000_0000 | ((len as u32) << 16) | dist as u32);
            let end = start + len;
            let stop = if len > 32 { (start + 4).min(end) } else { end };
            let mut j = i + 1;
            while j < stop && j <= last {
                insert(d, &mut head, &mut prev, wmask, bits, j);
                j += 1;
            }
            i = end;
        }
        TABLES.with(|t| *t.borrow_mut() = (head, prev));
        tokens
    }

    const LEN_BASE: [u16; 29] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
        131, 163, 195, 227, 258,
    ];
    const LEN_EXTRA: [u8; 29] =
        [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
    const DIST_BASE: [u16; 30] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
        2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ];
    const DIST_EXTRA: [u8; 30] = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12,
        13, 13,
    ];

    fn len_code(len: usize) -> usize {
        // Largest i with LEN_BASE[i] <= len (258 is its own code).
        if len == 258 {
            return 28;
        }
        let mut i = 27;
        while LEN_BASE[i] as usize > len {
            i -= 1;
        }
        i
    }
    fn dist_code(dist: usize) -> usize {
        let mut i = 29;
        while DIST_BASE[i] as usize > dist {
            i -= 1;
        }
        i
    }

    struct BitWriter {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl BitWriter {
        #[inline]
        fn put(&mut self, bits: u32, n: u32) {
            self.acc |= (bits as u64) << self.n;
            self.n += n;
            if self.n >= 32 {
                self.out.extend_from_slice(&(self.acc as u32).to_le_bytes());
                self.acc >>= 32;
                self.n -= 32;
            }
        }
        fn put_bits(&mut self, bs: &BitString) {
            let words = (bs.nbits / 32) as usize;
            for k in 0..words {
                let v = u32::from_le_bytes([
                    bs.bytes[4 * k],
                    bs.bytes[4 * k + 1],
                    bs.bytes[4 * k + 2],
                    bs.bytes[4 * k + 3],
                ]);
                self.put(v, 32);
            }
            let rem = (bs.nbits % 32) as u32;
            if rem > 0 {
                let mut b = [0u8; 4];
                let tail = &bs.bytes[4 * words..];
                b[..tail.len().min(4)].copy_from_slice(&tail[..tail.len().min(4)]);
                let v = u32::from_le_bytes(b) & ((1u64 << rem) - 1) as u32;
                self.put(v, rem);
            }
        }
        fn into_bitstring(mut self) -> BitString {
            let nbits = self.out.len() as u64 * 8 + self.n as u64;
            self.flush();
            BitString { bytes: self.out, nbits }
        }
        fn flush(&mut self) {
            while self.n > 0 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n = self.n.saturating_sub(8);
            }
            self.acc = 0;
            self.n = 0;
        }
    }

    /// Code lengths (≤ `limit`) for the frequencies: Huffman, with frequencies flattened until
    /// the longest code fits.
    fn code_lengths(freq: &[u32], limit: u8) -> Vec<u8> {
        let mut f: Vec<u64> = freq.iter().map(|&x| x as u64).collect();
        loop {
            let lens = huffman_lengths(&f);
            if lens.iter().all(|&l| l <= limit) {
                return lens;
            }
            for x in f.iter_mut() {
                if *x > 0 {
                    *x = (*x >> 1) + 1;
                }
            }
        }
    }

    fn huffman_lengths(freq: &[u64]) -> Vec<u8> {
        let used: Vec<usize> = (0..freq.len()).filter(|&i| freq[i] > 0).collect();
        let mut lens = vec![0u8; freq.len()];
        if used.is_empty() {
            return lens;
        }
        if used.len() == 1 {
            lens[used[0]] = 1;
            return lens;
        }
        // Nodes: leaves then internal; parent links give depths.
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;
        let mut parent: Vec<usize> = vec![usize::MAX; used.len() * 2];
        let mut heap: BinaryHeap<Reverse<(u64, usize)>> =
            used.iter().enumerate().map(|(k, &s)| Reverse((freq[s], k))).collect();
        let mut next = used.len();
        while heap.len() > 1 {
            let Reverse((f1, a)) = heap.pop().unwrap();
            let Reverse((f2, b)) = heap.pop().unwrap();
            parent[a] = next;
            parent[b] = next;
            heap.push(Reverse((f1 + f2, next)));
            next += 1;
        }
        let root = next - 1;
        let mut depth = vec![0u8; next];
        for k in (0..root).rev() {
            depth[k] = depth[parent[k]].saturating_add(1);
        }
        for (k, &s) in used.iter().enumerate() {
            lens[s] = depth[k];
        }
        lens
    }

    /// Canonical codes, bit-reversed for LSB-first output.
    fn codes(lens: &[u8]) -> Vec<u32> {
        let mut bl_count = [0u32; 16];
        for &l in lens {
            if l > 0 {
                bl_count[l as usize] += 1;
            }
        }
        let mut next = [0u32; 16];
        let mut code = 0u32;
        for bits in 1..16 {
            code = (code + bl_count[bits - 1]) << 1;
            next[bits] = code;
        }
        lens.iter()
            .map(|&l| {
                if l == 0 {
                    return 0;
                }
                let c = next[l as usize];
                next[l as usize] += 1;
                let mut r = 0u32;
                for k in 0..l {
                    r |= ((c >> k) & 1) << (l - 1 - k);
                }
                r
            })
            .collect()
    }

    /// BFINAL=1, BTYPE=dynamic, then the code-length description of the two trees.
    fn write_header(w: &mut BitWriter, lit_len: &[u8], dist_len: &[u8]) {
        let hlit = (257..=286).rev().find(|&k| lit_len[k - 1] > 0).unwrap_or(257).max(257);
        let hdist = (1..=30).rev().find(|&k| dist_len[k - 1] > 0).unwrap_or(1).max(1);
        let all: Vec<u8> =
            lit_len[..hlit].iter().chain(dist_len[..hdist].iter()).copied().collect();
        let mut rle: Vec<(u8, u8)> = Vec::new(); // (symbol, extra value)
        let mut i = 0;
        while i < all.len() {
            let l = all[i];
            let mut run = 1;
            while i + run < all.len() && all[i + run] == l {
                run += 1;
            }
            if l == 0 && run >= 3 {
                let r = run.min(138);
                if r >= 11 {
                    rle.push((18, (r - 11) as u8));
                } else {
                    rle.push((17, (r - 3) as u8));
                }
                i += r;
            } else if l != 0 && run >= 4 {
                rle.push((l, 0));
                let r = (run - 1).min(6);
                rle.push((16, (r - 3) as u8));
                i += 1 + r;
            } else {
                rle.push((l, 0));
                i += 1;
            }
        }
        let mut cl_freq = vec![0u32; 19];
        for &(s, _) in &rle {
            cl_freq[s as usize] += 1;
        }
        let cl_len = code_lengths(&cl_freq, 7);
        let cl_codes = codes(&cl_len);
        const ORDER: [usize; 19] =
            [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
        let hclen = (4..=19).rev().find(|&k| cl_len[ORDER[k - 1]] > 0).unwrap_or(4);
        w.put(1, 1); // BFINAL
        w.put(2, 2); // dynamic Huffman
        w.put((hlit - 257) as u32, 5);
        w.put((hdist - 1) as u32, 5);
        w.put((hclen - 4) as u32, 4);
        for &k in ORDER.iter().take(hclen) {
            w.put(cl_len[k] as u32, 3);
        }
        for &(s, e) in &rle {
            w.put(cl_codes[s as usize], cl_len[s as usize] as u32);
            match s {
                16 => w.put(e as u32, 2),
                17 => w.put(e as u32, 3),
                18 => w.put(e as u32, 7),
                _ => {}
            }
        }
    }

    /// A run of bits (LSB-first, as deflate writes them).
    #[derive(Debug, Clone, Default)]
    pub struct BitString {
        bytes: Vec<u8>,
        nbits: u64,
    }

    impl BitString {
        pub fn len_bits(&self) -> u64 {
            self.nbits
        }
    }

    /// A literal-only Huffman code fixed per font: glyph outlines are coded once with it and the
    /// bits reused; each document only writes its own small tables with it and copies bits.
    #[derive(Debug, Clone)]
    pub struct StaticTable {
        lens: Vec<u8>,
        codes: Vec<u32>,
        header: BitString,
    }

    impl StaticTable {
        /// From byte frequencies; every byte value gets a code.
        pub fn from_freq(freq: &[u64; 256]) -> StaticTable {
            let mut f: Vec<u32> = vec![0; 286];
            let max = freq.iter().copied().max().unwrap_or(0).max(1);
            // Scale into u32 range, keeping every symbol present.
            for (k, &x) in freq.iter().enumerate() {
                f[k] = ((x as u128 * 1_000_000 / max as u128) as u32).max(1);
            }
            f[256] = 1;
            let lens = code_lengths(&f, 15);
            let codes = codes(&lens);
            let mut dist_len = vec![0u8; 30];
            dist_len[0] = 1;
            dist_len[1] = 1;
            let mut w = BitWriter { out: Vec::new(), acc: 0, n: 0 };
            write_header(&mut w, &lens, &dist_len);
            let header = w.into_bitstring();
            StaticTable { lens, codes, header }
        }

        /// Codes `data` as literals.
        pub fn encode(&self, data: &[u8]) -> BitString {
            let mut w = BitWriter { out: Vec::with_capacity(data.len()), acc: 0, n: 0 };
            for &b in data {
                w.put(self.codes[b as usize], self.lens[b as usize] as u32);
            }
            w.into_bitstring()
        }
    }

    /// Builds one zlib stream from per-document literals and pre-coded pieces.
    pub struct Assembler<'t> {
        table: &'t StaticTable,
        w: BitWriter,
        a: u32,
        b: u32,
    }

    impl<'t> Assembler<'t> {
        pub fn new(table: &'t StaticTable, raw_len_hint: usize) -> Self {
            let mut w = BitWriter { out: Vec::with_capacity(raw_len_hint), acc: 0, n: 0 };
            w.out.extend_from_slice(&[0x78, 0x9C]);
            w.put_bits(&table.header);
            Assembler { table, w, a: 1, b: 0 }
        }
        fn adler(&mut self, data: &[u8]) {
            adler_update(&mut self.a, &mut self.b, data);
        }
        pub fn literals(&mut self, data: &[u8]) {
            for &x in data {
                self.w.put(self.table.codes[x as usize], self.table.lens[x as usize] as u32);
            }
            self.adler(data);
        }
        /// Appends bits coded earlier with the same table; `raw` is what they decode to.
        pub fn piece(&mut self, bits: &BitString, raw: &[u8]) {
            self.w.put_bits(bits);
            self.adler(raw);
        }
        pub fn finish(mut self) -> Vec<u8> {
            self.w.put(self.table.codes[256], self.table.lens[256] as u32);
            self.w.flush();
            let adler = (self.b << 16) | self.a;
            self.w.out.extend_from_slice(&adler.to_be_bytes());
            self.w.out
        }
    }

    fn write_block(w: &mut BitWriter, tokens: &[u32]) {
        let mut lit_freq = vec![0u32; 286];
        let mut dist_freq = vec![0u32; 30];
        for &t in tokens {
            if t & 0x8000_0000 == 0 {
                lit_freq[t as usize] += 1;
            } else {
                let len = ((t >> 16) & 0x1ff) as usize;
                let dist = (t & 0xffff) as usize;
                lit_freq[257 + len_code(len)] += 1;
                dist_freq[dist_code(dist)] += 1;
            }
        }
        lit_freq[256] = 1;
        let lit_len = code_lengths(&lit_freq, 15);
        let mut dist_len = code_lengths(&dist_freq, 15);
        if dist_len.iter().filter(|&&l| l > 0).count() < 2 {
            // Keep the distance code complete (some inflaters dislike a one-code tree).
            let mut k = 0;
            while dist_len.iter().filter(|&&l| l > 0).count() < 2 {
                if dist_len[k] == 0 {
                    dist_len[k] = 1;
                }
                k += 1;
            }
            for l in dist_len.iter_mut() {
                if *l > 0 {
                    *l = 1;
                }
            }
        }
        let lit_codes = codes(&lit_len);
        let dist_codes = codes(&dist_len);
        write_header(w, &lit_len, &dist_len);
        for &t in tokens {
            if t & 0x8000_0000 == 0 {
                w.put(lit_codes[t as usize], lit_len[t as usize] as u32);
            } else {
                let len = ((t >> 16) & 0x1ff) as usize;
                let dist = (t & 0xffff) as usize;
                let lc = len_code(len);
                w.put(lit_codes[257 + lc], lit_len[257 + lc] as u32);
                if LEN_EXTRA[lc] > 0 {
                    w.put((len - LEN_BASE[lc] as usize) as u32, LEN_EXTRA[lc] as u32);
                }
                let dc = dist_code(dist);
                w.put(dist_codes[dc], dist_len[dc] as u32);
                if DIST_EXTRA[dc] > 0 {
                    w.put((dist - DIST_BASE[dc] as usize) as u32, DIST_EXTRA[dc] as u32);
                }
            }
        }
        w.put(lit_codes[256], lit_len[256] as u32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inflates with lopdf (flate2) through printpdf's public types.
    fn inflate(z: &[u8]) -> Vec<u8> {
        let mut d = BTreeMap::new();
        d.insert("Filter".to_string(), printpdf::DictItem::Name(b"FlateDecode".to_vec()));
        let obj = printpdf::DictItem::Stream {
            stream: printpdf::ExternalStream { dict: d, content: z.to_vec(), compress: false },
        }
        .to_lopdf();
        obj.as_stream().expect("stream").decompressed_content().expect("valid zlib")
    }

    #[test]
    fn zlib_round_trips() {
        let mut text = Vec::new();
        for i in 0..5000u32 {
            text.extend_from_slice(
                format!("BT /F0 16 Tf 1 0 0 1 {} {} Tm <0001{:04X}> Tj ET\n", i % 97, i * 3, i)
                    .as_bytes(),
            );
        }
        let samples: Vec<Vec<u8>> = vec![
            vec![],
            vec![7],
            vec![0; 100_000],
            (0..70_000u32).map(|i| (i * 7 % 251) as u8).collect(),
            (0..40_000u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8).collect(),
            text,
        ];
        for s in &samples {
            for chain in [0, 1, 2, 8] {
                assert_eq!(
                    &inflate(&deflate::zlib_with(s, chain)),
                    s,
                    "len {} chain {chain}",
                    s.len()
                );
            }
        }
    }

    #[test]
    fn pre_coded_pieces_concatenate() {
        let mut freq = [0u64; 256];
        for (i, f) in freq.iter_mut().enumerate() {
            *f = (i as u64 * 37) % 101;
        }
        let table = deflate::StaticTable::from_freq(&freq);
        let parts: Vec<Vec<u8>> =
            (0..50u32).map(|k| (0..(k * 13 % 97)).map(|i| (i * k) as u8).collect()).collect();
        let coded: Vec<deflate::BitString> = parts.iter().map(|p| table.encode(p)).collect();
        let mut asm = deflate::Assembler::new(&table, 0);
        let mut expect = b"prefix".to_vec();
        asm.literals(b"prefix");
        for (p, c) in parts.iter().zip(&coded) {
            asm.piece(c, p);
            expect.extend_from_slice(p);
        }
        assert_eq!(inflate(&asm.finish()), expect);
    }

    #[test]
    fn embedded_subset_matches_program_when_fonts_are_installed() {
        let Ok(fonts) = FontSet::load(&FontConfig::default()) else {
            eprintln!("skipped: no CJK font on this machine");
            return;
        };
        let face = fonts.body();
        let f = face.face();
        let gids: Vec<u16> = "执前和解协议书，（2026）鲁0502执前调12号。"
            .chars()
            .filter_map(|c| f.glyph_index(c))
            .map(|g| g.0)
            .collect();
        let prog = face.subset_program(&gids).unwrap();
        let emb = face.embed(&gids).unwrap();
        assert_eq!(inflate(&emb.zlib), prog.bytes);
        assert_eq!(emb.raw_len, prog.bytes.len());
        // Every requested glyph has a new id; .notdef stays 0.
        assert_eq!(emb.gid_map.get(&0), Some(&0));
        for g in &gids {
            assert!(emb.gid_map.contains_key(g));
        }
    }
}
