//! Finding the faces documents are typeset with: the files named in the settings, the preferred
//! families among the system fonts, the bundled fallback; and choosing a face per character.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::documents::fonts::face::{map_file, FontData};
use crate::documents::fonts::{
    missing_char_error, FontConfig, FontFace, FontRole, BODY_FAMILIES, EXTRA_FALLBACK_FAMILIES,
    TITLE_FAMILIES,
};
use crate::error::{Error, Result};

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
        let mut files: HashMap<PathBuf, FontData> = HashMap::new();
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
                None => match map_file(path) {
                    Ok(d) => {
                        files.insert(path.to_path_buf(), d.clone());
                        d
                    }
                    Err(e) => {
                        problems.push(e.message().to_string());
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
                if best.as_ref().is_none_or(|(s, _)| score > *s) {
                    best = Some((score, Candidate { path: path.clone(), index: f.index }));
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
                    if faces[i].is_cjk() {
                        body = Some(i);
                        break;
                    }
                }
            }
        }
        if title.is_none() {
            for c in &title_cands {
                if let Some(i) = load(&c.path, c.index, &mut faces, &mut problems) {
                    if faces[i].is_cjk() {
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
                if let Some(i) = load(path, f.index, &mut faces, &mut problems) {
                    if faces[i].is_cjk() {
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
            let _ = load(&c.path, c.index, &mut faces, &mut problems);
        }
        roles.resize(faces.len(), FontRole::Fallback);
        roles[body] = FontRole::Body;
        roles[title] = if title == body { FontRole::Body } else { FontRole::Title };
        // Drop faces that cannot help with Chinese text at all.
        let mut keep: Vec<usize> =
            (0..faces.len()).filter(|&i| i == body || i == title || faces[i].is_cjk()).collect();
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
        Ok(FontSet { faces: new_faces, roles: new_roles, body: nb, title: nt })
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
