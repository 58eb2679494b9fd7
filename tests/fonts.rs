//! Fonts checked glyph by glyph, without trusting the code that embedded them.
//!
//! Every document kind is rendered from demo cases with one face as body and title, on a CFF
//! face (Noto Serif CJK SC) and on TrueType faces Debian ships (AR PL UMing, WenQuanYi Zen Hei;
//! the shape of the Windows courts' simfang.ttf / simsun.ttc). Then, from the PDF alone (lopdf
//! to read it, ttf-parser to parse the embedded program, the ToUnicode map to know which
//! character each code is):
//! * every glyph drawn on a page has an outline in the embedded program identical to the same
//!   character's glyph in the original font file, segment by segment;
//! * its `/W` width is the original `hmtx` advance, in thousandths of an em;
//! * the font's /BaseFont is the original face's PostScript name with a subset tag.
//!
//! And the QR code of a rendered agreement is read back by zbar as a phone would read it.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use hejie::documents::{render, DocKind, FontConfig, FontSet, RenderOptions, Source};
use hejie::model::{CaseFile, Settings};
use hejie::store::Store;
use lopdf::{Dictionary, Document, Object};

/// A face as Debian installs it (scripts/deps.sh test).
struct Original {
    path: &'static str,
    index: u32,
    cff: bool,
}

const NOTO_SERIF_SC: Original = Original {
    path: "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    index: 2,
    cff: true,
};
const UMING_CN: Original =
    Original { path: "/usr/share/fonts/truetype/arphic/uming.ttc", index: 0, cff: false };
const ZENHEI: Original =
    Original { path: "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", index: 0, cff: false };

/// An outline as a list of segments, coordinates rounded to 1/100 font unit.
#[derive(Default, Debug, PartialEq)]
struct Outline(Vec<String>);

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.push(format!("M {x:.2} {y:.2}"));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.push(format!("L {x:.2} {y:.2}"));
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.push(format!("Q {x1:.2} {y1:.2} {x:.2} {y:.2}"));
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.push(format!("C {x1:.2} {y1:.2} {x2:.2} {y2:.2} {x:.2} {y:.2}"));
    }
    fn close(&mut self) {
        self.0.push("Z".into());
    }
}

/// Demo cases in every stage, made through the real actions.
async fn demo_cases() -> (tempfile::TempDir, Vec<CaseFile>, Settings) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("fonts.db")).await.unwrap();
    hejie::demo::fill(&store, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()).await.unwrap();
    let settled = store.case("（2026）鲁0502执前调23号").await.unwrap();
    let failed = store.case("（2026）鲁0502执前调27号").await.unwrap();
    let settings = store.settings().await.unwrap();
    (dir, vec![settled, failed], settings)
}

/// Every document a case can print, with `face` as its only font.
fn render_all(original: &Original, cases: &[CaseFile], settings: &Settings) -> Vec<Vec<u8>> {
    let path = Path::new(original.path);
    assert!(path.exists(), "{} missing: scripts/deps.sh test installs it", original.path);
    let fonts = FontSet::load(&FontConfig {
        body: Some(path.into()),
        title: Some(path.into()),
        skip_system_fonts: true,
        ..Default::default()
    })
    .expect("the face loads");
    assert_eq!(fonts.faces().len(), 1, "{}", fonts.describe());
    assert_eq!(fonts.body().index, original.index, "the simplified-Chinese face of the collection");
    let mut pdfs = Vec::new();
    for kind in DocKind::ALL {
        for wet in [false, true] {
            if wet && kind != DocKind::Agreement {
                continue;
            }
            for file in cases {
                let opts = RenderOptions { wet, session: None };
                let src = Source {
                    file,
                    settings,
                    fonts: &fonts,
                    now: chrono::Utc::now(),
                    today: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
                    opts: &opts,
                };
                // Not every paper applies to every case (a transfer letter of a case not yet
                // concluded is refused): the papers that render are the ones checked.
                if let Ok(r) = render(kind, &src) {
                    pdfs.push(r.bytes);
                }
            }
        }
    }
    assert!(pdfs.len() >= 10, "only {} documents rendered", pdfs.len());
    pdfs
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).expect("dangling reference"),
        o => o,
    }
}

fn dict<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> &'a Dictionary {
    deref(doc, d.get(key).unwrap_or_else(|_| panic!("no /{}", String::from_utf8_lossy(key))))
        .as_dict()
        .expect("a dictionary")
}

fn stream(doc: &Document, d: &Dictionary, key: &[u8]) -> Vec<u8> {
    let s = deref(doc, d.get(key).expect("stream key")).as_stream().expect("a stream");
    s.decompressed_content().unwrap_or_else(|_| s.content.clone())
}

/// The 2-byte codes drawn with each font resource name, over every page.
fn codes_by_font(doc: &Document) -> BTreeMap<Vec<u8>, BTreeSet<u16>> {
    let mut used: BTreeMap<Vec<u8>, BTreeSet<u16>> = BTreeMap::new();
    for page in doc.get_pages().values() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(*page))
            .expect("content stream parses");
        let mut font = Vec::new();
        for op in content.operations {
            let mut strings: Vec<&[u8]> = Vec::new();
            match op.operator.as_str() {
                "Tf" => font = op.operands[0].as_name().unwrap().to_vec(),
                "Tj" | "'" | "\"" => {
                    if let Some(Object::String(s, _)) = op.operands.last() {
                        strings.push(s);
                    }
                }
                "TJ" => {
                    for o in op.operands[0].as_array().unwrap() {
                        if let Object::String(s, _) = o {
                            strings.push(s);
                        }
                    }
                }
                _ => {}
            }
            for s in strings {
                assert!(s.len() % 2 == 0, "Identity-H codes are 2 bytes");
                let set = used.entry(font.clone()).or_default();
                set.extend(s.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])));
            }
        }
    }
    used
}

/// `<code> <utf16>` pairs of a ToUnicode CMap (bfchar and bfrange entries).
fn to_unicode(cmap: &[u8]) -> HashMap<u16, char> {
    let text = String::from_utf8_lossy(cmap);
    let hex = |s: &str| -> Vec<u16> {
        let s = s.trim_matches(|c| c == '<' || c == '>');
        (0..s.len() / 4).map(|i| u16::from_str_radix(&s[i * 4..i * 4 + 4], 16).unwrap()).collect()
    };
    let mut map = HashMap::new();
    let mut mode = "";
    for line in text.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") {
            mode = "char";
        } else if line.ends_with("beginbfrange") {
            mode = "range";
        } else if line.starts_with("end") {
            mode = "";
        } else if !mode.is_empty() {
            let parts: Vec<&str> = line.split_whitespace().collect();
            let s = |u: Vec<u16>| String::from_utf16(&u).unwrap().chars().next().unwrap();
            if mode == "char" {
                map.insert(hex(parts[0])[0], s(hex(parts[1])));
            } else {
                let (lo, hi, first) = (hex(parts[0])[0], hex(parts[1])[0], s(hex(parts[2])));
                for c in lo..=hi {
                    map.insert(c, char::from_u32(first as u32 + (c - lo) as u32).unwrap());
                }
            }
        }
    }
    map
}

/// `/W` of a CIDFont: code → width, with `/DW` for the rest.
fn widths(doc: &Document, cid_font: &Dictionary) -> (HashMap<u16, i64>, i64) {
    let dw = cid_font.get(b"DW").ok().and_then(|o| o.as_i64().ok()).unwrap_or(1000);
    let mut w = HashMap::new();
    if let Ok(arr) = cid_font.get(b"W") {
        let arr = deref(doc, arr).as_array().unwrap();
        let mut i = 0;
        while i < arr.len() {
            let first = arr[i].as_i64().unwrap() as u16;
            match &arr[i + 1] {
                Object::Array(ws) => {
                    for (k, x) in ws.iter().enumerate() {
                        w.insert(first + k as u16, x.as_i64().unwrap());
                    }
                    i += 2;
                }
                last => {
                    let (last, width) =
                        (last.as_i64().unwrap() as u16, arr[i + 2].as_i64().unwrap());
                    for c in first..=last {
                        w.insert(c, width);
                    }
                    i += 3;
                }
            }
        }
    }
    (w, dw)
}

/// The PostScript name of the original face, read independently of the code under test.
fn ps_name(face: &ttf_parser::Face) -> String {
    face.names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|n| n.to_string())
        .expect("a PostScript name")
}

#[derive(Default, Debug)]
struct Tally {
    fonts: usize,
    glyphs: usize,
    outline_mismatches: Vec<String>,
    width_mismatches: Vec<String>,
}

/// Checks every glyph drawn in `pdf` against the original face.
fn check_pdf(pdf: &[u8], original: &Original, orig: &ttf_parser::Face, tally: &mut Tally) {
    let doc = Document::load_mem(pdf).expect("the PDF parses");
    let used = codes_by_font(&doc);
    let first_page = *doc.get_pages().values().next().unwrap();
    let fonts = doc.get_page_fonts(first_page).unwrap();
    let upem = orig.units_per_em() as f32;
    for (res_name, codes) in used {
        let type0 = fonts.get(&res_name).expect("font resource");
        let base = type0.get(b"BaseFont").unwrap().as_name().unwrap();
        let base = String::from_utf8_lossy(base);
        let (tag, name) = base.split_once('+').expect("a subset tag");
        assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()), "{base}");
        assert_eq!(name, ps_name(orig), "the embedded face is the original one");
        let unicode = to_unicode(&stream(&doc, type0, b"ToUnicode"));
        let desc_arr = deref(&doc, type0.get(b"DescendantFonts").unwrap()).as_array().unwrap();
        let cid_font = deref(&doc, &desc_arr[0]).as_dict().unwrap();
        let (w, dw) = widths(&doc, cid_font);
        let descriptor = dict(&doc, cid_font, b"FontDescriptor");
        let key: &[u8] = if original.cff { b"FontFile3" } else { b"FontFile2" };
        let program = stream(&doc, descriptor, key);
        tally.fonts += 1;
        // CID → glyph of the embedded program: through the CFF charset for a CID-keyed CFF,
        // the identity for TrueType with /CIDToGIDMap /Identity.
        let embedded_outline: Box<dyn Fn(u16) -> Outline> = if original.cff {
            let cff = ttf_parser::cff::Table::parse(&program).expect("a bare CFF program");
            let mut by_cid = HashMap::new();
            for g in 0..cff.number_of_glyphs() {
                if let Some(cid) = cff.glyph_cid(ttf_parser::GlyphId(g)) {
                    by_cid.insert(cid, g);
                }
            }
            Box::new(move |code| {
                let mut o = Outline::default();
                if let Some(g) = by_cid.get(&code) {
                    let _ = cff.outline(ttf_parser::GlyphId(*g), &mut o);
                }
                o
            })
        } else {
            assert_eq!(
                cid_font.get(b"CIDToGIDMap").unwrap().as_name().unwrap(),
                b"Identity",
                "TrueType CIDs are glyph ids"
            );
            let face = ttf_parser::Face::parse(&program, 0).expect("a TrueType program");
            Box::new(move |code| {
                let mut o = Outline::default();
                face.outline_glyph(ttf_parser::GlyphId(code), &mut o);
                o
            })
        };
        for code in codes {
            let ch =
                *unicode.get(&code).unwrap_or_else(|| panic!("code {code:04X} has no Unicode"));
            let gid = orig.glyph_index(ch).unwrap_or_else(|| panic!("{ch} not in the original"));
            let mut expect = Outline::default();
            orig.outline_glyph(gid, &mut expect);
            let got = embedded_outline(code);
            tally.glyphs += 1;
            if got != expect {
                tally.outline_mismatches.push(format!("{ch} (code {code:04X})"));
            }
            let adv = orig.glyph_hor_advance(gid).unwrap() as f32;
            let want = (adv * 1000.0 / upem).round() as i64;
            let width = w.get(&code).copied().unwrap_or(dw);
            if width != want {
                tally.width_mismatches.push(format!("{ch}: /W {width}, hmtx {want}"));
            }
        }
    }
}

fn check_face(original: &Original) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let (_dir, cases, settings) = rt.block_on(demo_cases());
    let pdfs = render_all(original, &cases, &settings);
    let data = std::fs::read(original.path).unwrap();
    let orig = ttf_parser::Face::parse(&data, original.index).unwrap();
    assert_eq!(orig.tables().cff.is_some(), original.cff);
    let mut tally = Tally::default();
    for pdf in &pdfs {
        check_pdf(pdf, original, &orig, &mut tally);
    }
    eprintln!(
        "{}#{}: {} documents, {} embedded fonts, {} glyphs compared, {} outline and {} width mismatches",
        original.path,
        original.index,
        pdfs.len(),
        tally.fonts,
        tally.glyphs,
        tally.outline_mismatches.len(),
        tally.width_mismatches.len()
    );
    assert!(tally.glyphs > 1000, "too few glyphs compared: {}", tally.glyphs);
    assert!(tally.outline_mismatches.is_empty(), "outlines differ: {:?}", tally.outline_mismatches);
    assert!(tally.width_mismatches.is_empty(), "widths differ: {:?}", tally.width_mismatches);
}

#[test]
fn cff_face_noto_serif_cjk_sc_embeds_every_glyph_as_in_the_original() {
    check_face(&NOTO_SERIF_SC);
}

#[test]
fn truetype_face_ar_pl_uming_embeds_every_glyph_as_in_the_original() {
    check_face(&UMING_CN);
}

#[test]
fn truetype_face_wenquanyi_zen_hei_embeds_every_glyph_as_in_the_original() {
    check_face(&ZENHEI);
}

/// The agreement's QR code, read from the printed page by zbar: the case number and the SHA-256
/// of the agreement text, exactly.
#[test]
fn agreement_qr_code_reads_back_as_case_number_and_text_hash() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let (_dir, cases, settings) = rt.block_on(demo_cases());
    let settled = &cases[0];
    let fonts = FontSet::load(&FontConfig::default()).expect("a CJK font (fonts-noto-cjk)");
    let opts = RenderOptions { wet: false, session: None };
    let src = Source {
        file: settled,
        settings: &settings,
        fonts: &fonts,
        now: chrono::Utc::now(),
        today: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        opts: &opts,
    };
    let pdf = render(DocKind::Agreement, &src).unwrap().bytes;
    let dir = tempfile::tempdir().unwrap();
    let pdf_path = dir.path().join("agreement.pdf");
    std::fs::write(&pdf_path, &pdf).unwrap();
    // The last page carries the code; 150 dpi is a phone camera's view of a printed A4 page.
    let out = Command::new("pdftoppm")
        .args(["-r", "150", "-png", "-gray"])
        .arg(&pdf_path)
        .arg(dir.path().join("page"))
        .output()
        .expect("pdftoppm (poppler-utils)");
    assert!(out.status.success());
    let mut pages: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .collect();
    pages.sort();
    let last = pages.last().expect("a page image");
    let out = Command::new("zbarimg")
        .args(["--raw", "-q", "-Sdisable", "-Sqrcode.enable"])
        .arg(last)
        .output()
        .expect("zbarimg (zbar-tools): run scripts/deps.sh test");
    assert!(out.status.success(), "no QR code found: {}", String::from_utf8_lossy(&out.stderr));
    let read = String::from_utf8(out.stdout).expect("zbar reads UTF-8");
    let agreement = settled.agreement.as_ref().expect("the settled case has an agreement");
    assert_eq!(read.trim_end(), format!("{}|{}", settled.number.format(), agreement.sha256));
    assert!(read.starts_with("（2026）鲁0502执前调23号|"), "{read}");
}
