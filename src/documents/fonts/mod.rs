//! Fonts for court documents, one job a file:
//!
//! * [`discover`]: which faces to use — the fonts named in the settings, then 仿宋 / 小标宋 / 宋体
//!   families among the system fonts (via `fontdb`), then the bundled Noto Serif CJK SC; fallback
//!   faces for rare characters in names.
//! * [`face`]: one face, memory-mapped (a CJK font file is 15–40 MB: mapping it costs no heap and
//!   no read at load; only the pages a document touches are paged in), its metrics and licence.
//! * [`embed`]: the font program embedded in a PDF for exactly the glyphs a document uses,
//!   subset by typst's `subsetter` crate and compressed with `flate2`.

mod discover;
mod embed;
mod face;

pub use discover::FontSet;
pub use embed::EmbeddedProgram;
pub use face::FontFace;

use std::path::PathBuf;

use crate::error::Error;

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

/// Which role a face plays in a [`FontSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FontRole {
    Body,
    Title,
    Fallback,
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
