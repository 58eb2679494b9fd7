//! The court's papers rendered from cases made through real actions, then read back the way a
//! clerk and a machine would: pdftotext, pdffonts, pdfimages, pdfinfo, qpdf --check.

mod common;

use std::process::Command;

use base64::Engine;
use common::*;
use hejie::documents::{DocKind, FontConfig, FontSet, RenderOptions, Rendered};
use hejie::model::CaseFile;
use serde_json::json;

fn fonts() -> FontSet {
    FontSet::load(&FontConfig::default())
        .expect("a CJK font (scripts/deps.sh installs fonts-noto-cjk)")
}

fn tool(name: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut cmd = Command::new(name);
    cmd.args(args).arg(&path);
    if name == "pdftotext" {
        cmd.arg("-");
    }
    let out =
        cmd.output().unwrap_or_else(|e| panic!("{name} missing ({e}): run scripts/deps.sh test"));
    assert!(out.status.success(), "{name} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text as a clerk reads it: the page footers (page numbers, the hash line) and the line
/// breaks and spaces of the layout removed, so a sentence split over two pages reads whole.
fn text(pdf: &[u8]) -> String {
    tool("pdftotext", &["-enc", "UTF-8"], pdf)
        .lines()
        .filter(|l| {
            !((l.trim_start().starts_with('第') && l.contains("页") && l.contains('共'))
                || l.contains("SHA-256"))
        })
        .flat_map(|l| l.chars())
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn raw_text(pdf: &[u8]) -> String {
    tool("pdftotext", &["-enc", "UTF-8"], pdf).chars().filter(|c| !c.is_whitespace()).collect()
}

fn check_pdf(r: &Rendered) {
    assert!(r.bytes.starts_with(b"%PDF-"));
    tool("qpdf", &["--check"], &r.bytes);
    let fonts = tool("pdffonts", &[], &r.bytes);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts in {}", r.title);
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "font not embedded+subset+unicode in {}: {row}",
            r.title
        );
        assert!(cols[0].contains('+'), "subset prefix missing: {row}");
    }
    let info = tool("pdfinfo", &[], &r.bytes);
    assert!(
        info.contains(&format!("Title:          {}", r.title)) || info.contains(r.kind.title()),
        "{info}"
    );
    assert!(info.contains("2026") || info.contains("2027"), "creation date not set: {info}");
}

fn sig() -> String {
    let png = std::fs::read(format!("{}/tests/signature.png", env!("CARGO_MANIFEST_DIR"))).unwrap();
    base64::engine::general_purpose::STANDARD.encode(png)
}

/// A settled case with on-screen signatures, a suggestion and a payment.
async fn settled(w: &World) -> CaseFile {
    let c = w.to_talks("2026-11-05").await;
    w.act(
        &c,
        &w.med,
        "2026-11-06",
        action(
            json!({"type":"suggest","text":"建议分两期支付十一万元，申请执行人放弃迟延履行利息"}),
        ),
    )
    .await;
    w.act(&c, &w.med, "2026-11-06", example("11-draft.json")).await;
    for (role, name) in
        [("agent", "刘文博"), ("party", "赵国庆"), ("mediator", "赵德明"), ("clerk", "李娜")]
    {
        w.act(&c, &w.med, "2026-11-06", action(json!({"type":"sign","role":role,"name":name,"image_png_base64": sig(), "points": [[{"x":1,"y":2,"time":0}]]}))).await;
    }
    w.act(&c, &w.clerk, "2026-11-07", example("16-transfer.json")).await
}

async fn render(
    w: &World,
    fonts: &FontSet,
    c: &CaseFile,
    kind: DocKind,
    wet: bool,
    day: &str,
) -> Rendered {
    let opts = RenderOptions { wet, session: None };
    w.store
        .render_document(&c.id.to_string(), kind, &opts, fonts, &w.clerk, on(day))
        .await
        .unwrap_or_else(|e| panic!("{}: {}", kind.title(), e.message()))
}

#[tokio::test]
async fn agreement_with_signatures_and_wet_form() {
    let w = world().await;
    let fonts = fonts();
    let c = settled(&w).await;
    let a = c.agreement.clone().unwrap();
    let r = render(&w, &fonts, &c, DocKind::Agreement, false, "2026-11-07").await;
    check_pdf(&r);
    let t = text(&r.bytes);
    for needle in [
        "东营市东营区人民法院",
        "执前和解协议书",
        "（2026）鲁0502执前调1号",
        "张秀英",
        "370502198003151235",
        "东营市黄河建筑工程有限公司",
        "91370502MA3C4D5E6A",
        "法定代表人：赵国庆",
        "刘文博",
        "特别授权",
        "（2026）鲁0502民初1234号民事判决书",
        "110,000.00元",
        "人民币壹拾壹万元整",
        "第一期于2026年11月30日前支付50,000.00元",
        "第二期于2026年12月31日前支付60,000.00元",
        "6228480000012345678",
        "申请恢复执行原生效法律文书，本协议已履行的部分应予扣除",
        "和解员：赵德明",
        "书记员：李娜",
        "二〇二六年十一月六日",
    ] {
        assert!(t.contains(needle), "agreement lacks “{needle}”:\n{t}");
    }
    assert!(raw_text(&r.bytes).contains(&format!("SHA-256：{}", a.sha256)), "hash footer");
    // The printed terms are exactly the signed text.
    for line in a.text.lines() {
        let flat: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(t.contains(&flat), "printed agreement differs from the hashed text at: {line}");
    }
    let images = tool("pdfimages", &["-list"], &r.bytes);
    assert!(images.lines().count() >= 2 + 4, "four signatures embedded:\n{images}");
    assert!(r.bytes.len() < 120_000, "agreement is {} bytes", r.bytes.len());

    let wet = render(&w, &fonts, &c, DocKind::Agreement, true, "2026-11-07").await;
    check_pdf(&wet);
    assert_eq!(
        tool("pdfimages", &["-list"], &wet.bytes).lines().count(),
        2,
        "wet form has no signature images"
    );
    assert!(text(&wet.bytes).contains("人民币壹拾壹万元整"));
    assert!(wet.title.contains("手写签名版"));

    // Each rendering is recorded in the case file (kind, time, hash).
    let after = w.store.case(&c.id.to_string()).await.unwrap();
    assert_eq!(after.documents.len(), 2);
    assert_eq!(after.documents[0].sha256, r.sha256);
    assert_eq!(after.documents[0].kind, "agreement");
}

#[tokio::test]
async fn every_other_paper_from_real_data() {
    let w = world().await;
    let fonts = fonts();
    let c = settled(&w).await;
    let t = |r: &Rendered| {
        check_pdf(r);
        text(&r.bytes)
    };
    let notice = t(&render(&w, &fonts, &c, DocKind::ExecutionNotice, false, "2026-11-07").await);
    for n in [
        "执行通知书",
        "东营市黄河建筑工程有限公司：",
        "123,456.78元",
        "人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分",
        "迟延履行期间的债务利息",
        "第二百五十一条",
        "失信被执行人名单",
        "报告财产令",
        "二〇二六年十一月五日",
    ] {
        assert!(notice.contains(n), "执行通知书 lacks “{n}”:\n{notice}");
    }
    let order = t(&render(&w, &fonts, &c, DocKind::PropertyOrder, false, "2026-11-07").await);
    for n in [
        "报告财产令",
        "10日内",
        "收到执行通知之日前一年",
        "十日内向本院补充报告",
        "罚款、拘留",
        "财产调查表",
        "银行存款",
        "报告人（签名或盖章）",
    ] {
        assert!(order.contains(n), "报告财产令 lacks “{n}”:\n{order}");
    }
    let sn = t(&render(&w, &fonts, &c, DocKind::SessionNotice, false, "2026-11-07").await);
    for n in [
        "和解通知书",
        "张秀英：",
        "东营市黄河建筑工程有限公司：",
        "2026年11月6日09时30分",
        "东营区人民法院执行和解中心第一和解室",
        "在本院现场进行",
        "和解员赵德明",
        "特别授权",
        "营业执照副本",
    ] {
        assert!(sn.contains(n), "和解通知书 lacks “{n}”:\n{sn}");
    }
    let rec = t(&render(&w, &fonts, &c, DocKind::Record, false, "2026-11-07").await);
    for n in [
        "和解笔录",
        "2026年11月06日09时30分",
        "刘文博",
        "370502197511024561",
        "申请执行人张秀英的委托",
        "的法定代表人",
        "同意分两期支付",
        "以上笔录我已看过，与我说的一致",
        "和解员：赵德明",
    ] {
        assert!(rec.contains(n), "和解笔录 lacks “{n}”:\n{rec}");
    }
    let sug = t(&render(&w, &fonts, &c, DocKind::Suggestion, false, "2026-11-07").await);
    assert!(
        sug.contains("和解建议书")
            && sug.contains("建议分两期支付十一万元")
            && sug.contains("不具有强制力"),
        "{sug}"
    );
    let tr = t(&render(&w, &fonts, &c, DocKind::Transfer, false, "2026-11-07").await);
    for n in [
        "移送函",
        "本院立案庭：",
        "和解成功，移送登记立案并报结案",
        "人民币壹拾壹万元整",
        "登记立案并报结案",
    ] {
        assert!(tr.contains(n), "移送函 lacks “{n}”:\n{tr}");
    }
    let sr = t(&render(&w, &fonts, &c, DocKind::ServiceReceipt, false, "2026-11-07").await);
    assert!(
        sr.contains("送达回证") && sr.contains("受送达人张秀英") && sr.contains("《执行通知书》"),
        "{sr}"
    );
    let cat = t(&render(&w, &fonts, &c, DocKind::Catalogue, false, "2026-11-07").await);
    for n in [
        "卷内目录",
        "申请执行书及生效法律文书",
        "执行通知书",
        "报告财产令",
        "和解笔录",
        "移送函",
        "网络查控结果",
    ] {
        assert!(cat.contains(n), "卷内目录 lacks “{n}”:\n{cat}");
    }
}

#[tokio::test]
async fn failed_case_transfer_letter_opens_an_execution_case() {
    let w = world().await;
    let fonts = fonts();
    let c = w.to_talks("2026-11-05").await;
    let r = w
        .store
        .render_document(
            &c.id.to_string(),
            DocKind::Transfer,
            &RenderOptions::default(),
            &fonts,
            &w.clerk,
            on("2026-11-06"),
        )
        .await;
    assert_eq!(r.unwrap_err().code(), "document.not_yet", "no transfer letter while talks go on");
    w.store.expire_due(&w.clerk, on("2026-12-03")).await.unwrap();
    let r = render(&w, &fonts, &c, DocKind::Transfer, false, "2026-12-03").await;
    let t = text(&r.bytes);
    assert!(
        t.contains("和解不成，退回转立执行案号")
            && t.contains("2026年12月2日届满")
            && t.contains("视为和解不成"),
        "{t}"
    );
}

#[tokio::test]
async fn rare_characters_render_or_are_refused_by_name() {
    let w = world().await;
    let fonts = fonts();
    let mut h = handover();
    h.parties[0].name = "吉𠮷喆".into();
    let c = w.store.register(&h, &w.clerk, on("2026-11-03")).await.unwrap();
    w.act(&c, &w.judge, "2026-11-03", example("03-review.json")).await;
    let r = render(&w, &fonts, &c, DocKind::ExecutionNotice, false, "2026-11-03").await;
    assert!(text(&r.bytes).contains("吉𠮷喆"), "the rare character was lost");
    let mut h = handover();
    h.parties[0].name = "张\u{E000}".into();
    h.basis.case_number = "（2026）鲁0502民初1235号".into();
    let c = w.store.register(&h, &w.clerk, on("2026-11-03")).await.unwrap();
    w.act(&c, &w.judge, "2026-11-03", example("03-review.json")).await;
    let err = w
        .store
        .render_document(
            &c.id.to_string(),
            DocKind::ExecutionNotice,
            &RenderOptions::default(),
            &fonts,
            &w.clerk,
            on("2026-11-03"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "font.missing_char");
    assert!(err.message().contains("U+E000"), "{}", err.message());
    assert!(
        w.store.case(&c.id.to_string()).await.unwrap().documents.is_empty(),
        "nothing recorded for a refused document"
    );
}

#[test]
fn cli_renders_all_papers_of_a_case() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_hejie"))
            .args(args)
            .env("HEJIE_DB", dir.path().join("r.db"))
            .env("HEJIE_TODAY", "2026-11-30")
            .env("HEJIE_USER", "李娜")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    run(&["demo"]);
    let out_dir = dir.path().join("papers");
    let listing =
        run(&["render", "all", "（2026）鲁0502执前调23号", "--dir", out_dir.to_str().unwrap()]);
    assert!(listing.lines().count() >= 8, "{listing}");
    let n = std::fs::read_dir(&out_dir).unwrap().count();
    assert_eq!(n, listing.lines().count());
    let one = dir.path().join("a.pdf");
    run(&[
        "render",
        "agreement",
        "（2026）鲁0502执前调23号",
        "--wet",
        "--out",
        one.to_str().unwrap(),
    ]);
    let t = text(&std::fs::read(one).unwrap());
    assert!(t.contains("执前和解协议书") && t.contains("恢复执行"), "{t}");
}
