//! One font face: its file memory-mapped, its names, metrics and embedding licence.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::documents::fonts::embed::SubsetCache;
use crate::error::{Error, Result};

/// The bytes of a whole font file (possibly a collection), shared by its faces.
pub(crate) type FontData = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// Maps a font file read-only. A CJK face is 15–40 MB: reading it costs 57–84 ms and that much
/// heap for the life of the process; a map costs neither, and a document pages in only the
/// tables and outlines it touches.
pub(crate) fn map_file(path: &Path) -> Result<FontData> {
    let read_err = |e: std::io::Error| Error::io(&format!("读取字体文件 {}", path.display()), &e);
    let file = File::open(path).map_err(read_err)?;
    // SAFETY: the map is read-only and font files are not rewritten while the app runs; a font
    // replaced on disk is a new inode, so the mapped pages stay those of the file we opened (the
    // same assumption fontdb makes with its `memmap` feature).
    #[allow(unsafe_code)]
    let map = unsafe { memmap2::Mmap::map(&file) }.map_err(read_err)?;
    Ok(Arc::new(map))
}

/// Metrics needed for layout and for the PDF font descriptor, in font units.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FaceMetrics {
    pub units_per_em: u16,
    pub ascender: i16,
    pub descender: i16,
    pub cap_height: i16,
    pub bbox: [i16; 4],
    pub italic_angle: f32,
}

/// One loaded face. Everything but the names and metrics is parsed from the mapped file on demand.
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
    /// Whether the outlines are CFF (PostScript) rather than TrueType `glyf`.
    cff: bool,
    data: FontData,
    pub(crate) metrics: FaceMetrics,
    pub(crate) subsets: SubsetCache,
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
        FontFace::from_data(map_file(path)?, index, path.to_path_buf())
    }

    /// Parses face `index` of `data` (a whole font file, possibly a collection).
    pub(crate) fn from_data(data: FontData, index: u32, path: PathBuf) -> Result<FontFace> {
        let bytes: &[u8] = (*data).as_ref();
        let bad = |why: &str| {
            Error::document("font.invalid", format!("字体文件 {} 无法使用：{why}", path.display()))
        };
        let face = ttf_parser::Face::parse(bytes, index).map_err(|e| bad(&e.to_string()))?;
        check_licence(&face, &path)?;
        let cff = face.tables().cff.is_some();
        if !cff && face.tables().glyf.is_none() {
            return Err(bad("既没有 CFF 轮廓也没有 glyf 轮廓"));
        }
        let (family, ps_name) = names(&face, &path);
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
        Ok(FontFace {
            family,
            ps_name,
            path,
            index,
            weight,
            cff,
            data,
            metrics,
            subsets: SubsetCache::default(),
        })
    }

    /// The whole font file (all faces of a collection).
    pub(crate) fn data(&self) -> &[u8] {
        (*self.data).as_ref()
    }

    /// A ttf-parser view of the face (cheap: parses table headers only).
    pub fn face(&self) -> ttf_parser::Face<'_> {
        // Parsed successfully in `from_data` from the same immutable bytes, so this cannot fail.
        ttf_parser::Face::parse(self.data(), self.index).expect("face parsed at load")
    }

    /// Whether the face has a glyph for `c`.
    pub fn has_char(&self, c: char) -> bool {
        self.face().glyph_index(c).is_some_and(|g| g.0 != 0)
    }

    /// Whether the outlines are CFF (PostScript) rather than TrueType.
    pub fn is_cff(&self) -> bool {
        self.cff
    }

    /// Whether the face covers everyday Chinese (so it is worth keeping as a body, title or
    /// fallback face).
    pub(crate) fn is_cjk(&self) -> bool {
        let face = self.face();
        ['的', '法', '院', '执', '协', '议', '书'].iter().all(|c| face.glyph_index(*c).is_some())
    }
}

/// The OS/2 `fsType` embedding permission: printpdf ignores it, we refuse a face whose licence
/// forbids embedding or subsetting, with a Chinese reason.
fn check_licence(face: &ttf_parser::Face, path: &Path) -> Result<()> {
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
    Ok(())
}

/// The English family name and a PostScript name fit for a PDF /BaseFont.
fn names(face: &ttf_parser::Face, path: &Path) -> (String, String) {
    let mut family = None;
    let mut ps_name = None;
    for n in face.names() {
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
    (family, ps_name)
}
