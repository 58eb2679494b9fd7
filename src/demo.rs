//! Realistic demonstration data, made through the real actions (never written to tables directly):
//! the centre's staff, a roster of eight mediators and thirty cases spread over every stage.
//! The same generator feeds the benchmarks' synthetic cases.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::*;
use crate::procedure::{Action, AgentInput, Handover, NoticeInput, PartyInput};
use crate::rules::ids::{complete_credit_code, complete_id_number};
use crate::rules::interest::Installment;
use crate::store::{Clock, Store};

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "宋", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹",
    "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "玉兰", "海燕", "志强", "晓东",
    "春梅", "国庆", "文博", "子涵", "雨桐", "浩然", "立新", "红梅", "德胜", "振华", "淑珍", "晨阳",
];
const FIRMS: &[&str] = &[
    "鸿运", "黄河", "胜利", "利华", "海通", "东港", "万隆", "金岭", "广饶", "垦利", "河口", "华泰",
    "鲁明", "永安", "新华", "信达", "正和", "嘉禾", "天成", "瑞丰",
];
const TRADES: &[&str] = &[
    "商贸",
    "建筑工程",
    "石油机械",
    "物流",
    "农业科技",
    "置业",
    "化工",
    "汽车销售",
    "装饰工程",
    "餐饮管理",
];
const AREAS: &[&str] =
    &["370502", "370503", "370505", "370522", "370523", "370102", "370211", "370303"];
const STREETS: &[&str] = &[
    "西四路",
    "府前大街",
    "济南路",
    "黄河路",
    "淄博路",
    "北一路",
    "东三路",
    "庐山路",
    "胶州路",
    "运河路",
];

/// A small deterministic generator (no dependency, same data every run).
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407))
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

pub fn person_name(r: &mut Lcg) -> String {
    format!("{}{}", r.pick(SURNAMES), r.pick(GIVEN))
}

pub fn id_number(r: &mut Lcg) -> String {
    let year = 1955 + r.below(45);
    let month = 1 + r.below(12);
    let day = 1 + r.below(28);
    complete_id_number(&format!("{}{year}{month:02}{day:02}{:03}", r.pick(AREAS), r.below(999)))
}

fn credit_code(r: &mut Lcg) -> String {
    const CS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    let mut s = format!("91{}", r.pick(AREAS));
    for _ in 0..9 {
        s.push(CS[r.below(31) as usize] as char);
    }
    complete_credit_code(&s)
}

fn person(r: &mut Lcg, side: Side) -> PartyInput {
    PartyInput {
        side,
        kind: PartyKind::Person,
        name: person_name(r),
        id_number: id_number(r),
        address: format!("山东省东营市东营区{}{}号", r.pick(STREETS), 1 + r.below(300)),
        phone: format!("13{:09}", r.below(1_000_000_000)),
        legal_rep: None,
        agents: vec![],
    }
}

fn company(r: &mut Lcg, side: Side) -> PartyInput {
    PartyInput {
        side,
        kind: PartyKind::Organisation,
        name: format!("东营市{}{}有限公司", r.pick(FIRMS), r.pick(TRADES)),
        id_number: credit_code(r),
        address: format!("山东省东营市东营区{}{}号", r.pick(STREETS), 1 + r.below(300)),
        phone: format!("0546-{}", 7_000_000 + r.below(999_999)),
        legal_rep: Some(person_name(r)),
        agents: vec![],
    }
}

/// One plausible hand-over from the filing division.
pub fn handover(seed: u64, received_on: NaiveDate) -> Handover {
    let r = &mut Lcg::new(seed);
    let kind = r.below(5);
    let (mut applicant, mut respondent, criteria, doc_type, cause) = match kind {
        0 => (
            person(r, Side::Applicant),
            person(r, Side::Respondent),
            vec![Criterion::SmallAmount, Criterion::BothAgree],
            "民事判决书",
            "民间借贷纠纷",
        ),
        1 => (
            person(r, Side::Applicant),
            person(r, Side::Respondent),
            vec![Criterion::Livelihood],
            "民事调解书",
            "劳务合同纠纷",
        ),
        2 => (
            company(r, Side::Applicant),
            company(r, Side::Respondent),
            vec![Criterion::BothEnterprises],
            "民事判决书",
            "买卖合同纠纷",
        ),
        3 => (
            person(r, Side::Applicant),
            company(r, Side::Respondent),
            vec![Criterion::Livelihood, Criterion::SmallAmount],
            "民事判决书",
            "劳动争议",
        ),
        _ => (
            company(r, Side::Applicant),
            person(r, Side::Respondent),
            vec![Criterion::DebtorLacksProperty],
            "民事判决书",
            "承揽合同纠纷",
        ),
    };
    // Two parties of one name are refused at hand-over; the generator's lists are short.
    while respondent.name == applicant.name {
        respondent.name = match respondent.kind {
            PartyKind::Person => person_name(r),
            PartyKind::Organisation => format!("东营市{}{}有限公司", r.pick(FIRMS), r.pick(TRADES)),
        };
    }
    let small = criteria.contains(&Criterion::SmallAmount);
    let yuan = if small { 3_000 + r.below(90_000) } else { 20_000 + r.below(900_000) };
    let claim_fen = (yuan * 100 + if r.below(3) == 0 { r.below(100) } else { 0 }) as i64;
    if r.below(2) == 0 {
        let name = person_name(r);
        applicant.agents.push(AgentInput {
            name,
            id_number: id_number(r),
            phone: format!("139{:08}", r.below(100_000_000)),
            authority: Authority::Special,
        });
    }
    if r.below(3) == 0 {
        let authority = if r.below(2) == 0 { Authority::Special } else { Authority::General };
        let name = person_name(r);
        respondent.agents.push(AgentInput {
            name,
            id_number: id_number(r),
            phone: format!("158{:08}", r.below(100_000_000)),
            authority,
        });
    }
    let effective_on = received_on - Duration::days(20 + r.below(200) as i64);
    let year = chrono::Datelike::year(&effective_on);
    let basis_no = format!("（{year}）鲁0502民初{}号", 100 + r.below(9000));
    Handover {
        received_on: Some(received_on),
        parties: vec![applicant.clone(), respondent.clone()],
        basis: BasisDocument {
            court: "东营市东营区人民法院".into(),
            case_number: basis_no,
            doc_type: doc_type.into(),
            effective_on,
            obligations: format!(
                "{}纠纷一案，被执行人{}应于判决生效之日起十日内支付申请执行人{}款项{}元，并负担案件受理费。",
                cause.trim_end_matches("纠纷"),
                respondent.name,
                applicant.name,
                crate::rules::money::format_yuan(claim_fen)
            ),
            amount_fen: claim_fen,
        },
        claim_fen,
        criteria,
        criteria_note: String::new(),
    }
}

#[derive(Debug, Serialize)]
pub struct DemoReport {
    pub users: usize,
    pub mediators: usize,
    pub cases: usize,
}

/// How far along the procedure a demo case is taken.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Target {
    Review,
    Explained,
    Withdrawn,
    Dismissed,
    Preparing,
    TalksScheduled,
    TalksRecorded,
    Drafted,
    PartlySigned,
    Signed,
    Performing,
    Performed,
    Resumed,
    ConsentRefused,
    TalksFailed,
    ToExecution,
    Expired,
    ExtendedTalks,
}

const PLAN: [(Target, i64); 30] = [
    (Target::Review, 0),
    (Target::Review, 1),
    (Target::Review, 2),
    (Target::Review, 3),
    (Target::Explained, 5),
    (Target::Withdrawn, 12),
    (Target::Dismissed, 15),
    (Target::Preparing, 4),
    (Target::Preparing, 8),
    (Target::Preparing, 10),
    (Target::Preparing, 26),
    (Target::TalksScheduled, 12),
    (Target::TalksRecorded, 16),
    (Target::TalksRecorded, 27),
    (Target::Drafted, 18),
    (Target::PartlySigned, 20),
    (Target::Signed, 21),
    (Target::Signed, 14),
    (Target::Performing, 40),
    (Target::Performing, 70),
    (Target::Performing, 33),
    (Target::Performing, 55),
    (Target::Performed, 120),
    (Target::Resumed, 150),
    (Target::ConsentRefused, 9),
    (Target::TalksFailed, 25),
    (Target::ToExecution, 45),
    (Target::ToExecution, 60),
    (Target::Expired, 34),
    (Target::ExtendedTalks, 28),
];

/// Fills an empty database with the demonstration. Refuses a database that already has cases.
pub async fn fill(store: &Store, today: NaiveDate) -> Result<DemoReport> {
    if store.count_cases().await? > 0 {
        return Err(Error::refused("demo.not_empty", "数据库中已有案件，演示数据只能写入空数据库"));
    }
    let judge = store.add_user("王建国", Role::Judge, None).await?;
    let clerk = store.add_user("李娜", Role::Clerk, None).await?;
    let roster = [
        ("赵德明", MediatorCategory::RetiredJudge, "东营区人民法院（退休）", "民间借贷、买卖合同"),
        (
            "孙秀兰",
            MediatorCategory::PeoplesMediator,
            "文汇街道人民调解委员会",
            "婚姻家庭、赡养抚养",
        ),
        (
            "周立新",
            MediatorCategory::CommercialMediator,
            "东营市商事调解中心",
            "买卖合同、建设工程",
        ),
        ("吴海燕", MediatorCategory::Notary, "东营市胜利公证处", "借款合同、担保"),
        ("郑振华", MediatorCategory::Lawyer, "山东黄河律师事务所", "劳动争议、劳务合同"),
        (
            "冯淑珍",
            MediatorCategory::PeoplesMediator,
            "辛店街道人民调解委员会",
            "邻里纠纷、人身损害",
        ),
        (
            "韩志强",
            MediatorCategory::RetiredJudge,
            "东营市中级人民法院（退休）",
            "建设工程、公司纠纷",
        ),
        ("曹春梅", MediatorCategory::Lawyer, "山东胜利油田律师事务所", "交通事故、保险"),
    ];
    let mut mediators = Vec::new();
    let mut med_users = Vec::new();
    for (i, (name, cat, org, spec)) in roster.iter().enumerate() {
        let specs: Vec<String> = spec.split('、').map(String::from).collect();
        let m = store
            .add_mediator(name, *cat, org, &format!("1380546{:04}", 1000 + i * 37), &specs)
            .await?;
        med_users.push(store.add_user(name, Role::Mediator, Some(m.id)).await?);
        mediators.push(m);
    }
    // The last mediator has left the roster (to show an inactive entry).
    let mut gone = mediators[7].clone();
    gone.active = false;
    store.save_mediator(&gone, false).await?;

    for (i, (target, age)) in PLAN.iter().enumerate() {
        let d0 = today - Duration::days(*age);
        let h = handover(20_261_130 + i as u64, d0);
        let file = store.register(&h, &clerk, Clock::at(d0)).await?;
        let id = file.id.to_string();
        let mi = i % 7;
        let mediator = &mediators[mi];
        let mu = &med_users[mi];
        let day = |n: i64| Clock::at((d0 + Duration::days(n)).min(today));
        let names: Vec<String> = file.parties.iter().map(|p| p.name.clone()).collect();
        let act = |a: Action, who: &User, c: Clock| {
            let id = id.clone();
            let who = who.clone();
            async move { store.act(&id, &a, &who, c).await.map(|_| ()) }
        };
        let consent = |name: &str, status: ConsentStatus| Action::RecordConsent {
            party: name.into(),
            status,
            on: None,
            method: "电话征询".into(),
            note: String::new(),
        };
        if *target == Target::Review {
            if i % 2 == 0 {
                act(consent(&names[0], ConsentStatus::Agreed), &clerk, day(0)).await?;
            }
            continue;
        }
        if *target == Target::ConsentRefused {
            act(consent(&names[0], ConsentStatus::Agreed), &clerk, day(1)).await?;
            act(
                Action::Review { accepted: true, on: None, note: String::new(), explanation: None },
                &judge,
                day(1),
            )
            .await?;
            act(consent(&names[1], ConsentStatus::Refused), &clerk, day(2)).await?;
            continue;
        }
        if matches!(target, Target::Explained | Target::Withdrawn | Target::Dismissed) {
            let explanation = Some(
                "执行依据尚未送达被执行人，不符合立案条件；经释明，可待送达生效后再行申请。"
                    .to_string(),
            );
            act(
                Action::Review { accepted: false, on: None, note: String::new(), explanation },
                &judge,
                day(1),
            )
            .await?;
            match target {
                Target::Withdrawn => {
                    act(
                        Action::Withdraw { on: None, note: "申请执行人表示撤回".into() },
                        &clerk,
                        day(3),
                    )
                    .await?
                }
                Target::Dismissed => {
                    act(
                        Action::Insist { on: None, note: "申请执行人坚持申请".into() },
                        &clerk,
                        day(4),
                    )
                    .await?
                }
                _ => {}
            }
            continue;
        }
        act(
            Action::Review {
                accepted: true,
                on: None,
                note: "符合立案条件".into(),
                explanation: None,
            },
            &judge,
            day(1),
        )
        .await?;
        act(consent(&names[0], ConsentStatus::Agreed), &clerk, day(1)).await?;
        if *target == Target::Preparing && i % 2 == 1 {
            continue; // the respondent has not been reached yet
        }
        act(consent(&names[1], ConsentStatus::Agreed), &clerk, day(2)).await?;
        act(
            Action::IssueNotice { on: None, property_order: true, report_days: None },
            &clerk,
            day(2),
        )
        .await?;
        act(
            Action::RecordService {
                document: "执行通知书".into(),
                party: names[1].clone(),
                on: None,
                method: "直接送达".into(),
            },
            &clerk,
            day(3),
        )
        .await?;
        act(
            Action::RecordProperty {
                category: PropertyCategory::BankDeposit,
                institution: "中国工商银行东营分行".into(),
                description: format!("{}名下活期存款账户", names[1]),
                value_fen: (file.claim_fen / 3).max(100),
                measure: "冻结".into(),
                on: None,
            },
            &clerk,
            day(3),
        )
        .await?;
        if *target == Target::Preparing {
            continue;
        }
        let by = if i % 3 == 0 { ChosenBy::Appointment } else { ChosenBy::Agreement };
        let chooser = if by == ChosenBy::Appointment { &judge } else { &clerk };
        act(
            Action::ChooseMediator {
                mediator: mediator.name.clone(),
                by,
                on: None,
                reason: String::new(),
            },
            chooser,
            day(3),
        )
        .await?;
        if *target == Target::Expired {
            continue; // nobody acted: `hejie expire` applies the deemed failure
        }
        let at = (d0 + Duration::days(5)).min(today).and_hms_opt(9, 30, 0).expect("valid time");
        let manner = if i % 4 == 0 { Manner::Online } else { Manner::Court };
        let place = if manner == Manner::Online {
            "人民法院调解平台（在线）".to_string()
        } else {
            "东营区人民法院执行和解中心第一和解室".to_string()
        };
        let notices = names
            .iter()
            .map(|n| NoticeInput { party: n.clone(), method: "电话通知".into(), on: None })
            .collect();
        act(Action::ScheduleSession { at, place, manner, notices }, mu, day(4)).await?;
        if *target == Target::TalksScheduled {
            continue;
        }
        for p in &file.parties {
            let (person, idn) = match p.kind {
                PartyKind::Person => (p.name.clone(), p.id_number.clone()),
                PartyKind::Organisation => (
                    p.legal_rep.clone().unwrap_or_default(),
                    id_number(&mut Lcg::new(i as u64 * 31 + 7)),
                ),
            };
            act(Action::CheckIdentity { session: 1, person, id_number: idn }, mu, day(5)).await?;
            for a in &p.agents {
                act(
                    Action::CheckIdentity {
                        session: 1,
                        person: a.name.clone(),
                        id_number: a.id_number.clone(),
                    },
                    mu,
                    day(5),
                )
                .await?;
            }
        }
        let record = format!(
            "和解员{}主持和解，告知双方权利义务及和解协议的效力。申请执行人{}表示同意被执行人分期履行；被执行人{}表示目前资金困难，请求分期支付并减免部分利息。",
            mediator.name, names[0], names[1]
        );
        act(Action::RecordTalks { session: 1, record }, mu, day(5)).await?;
        if *target == Target::ExtendedTalks {
            act(
                Action::Extend {
                    days: 15,
                    applicant_request: true,
                    respondent_request: true,
                    on: None,
                    note: "双方申请延长以筹措款项".into(),
                },
                &judge,
                day(25),
            )
            .await?;
            continue;
        }
        if *target == Target::TalksRecorded {
            continue;
        }
        if matches!(target, Target::TalksFailed | Target::ToExecution) {
            act(
                Action::Suggest {
                    on: None,
                    text: "建议被执行人于三个月内分三期付清本金，申请执行人放弃迟延履行利息。"
                        .into(),
                },
                mu,
                day(6),
            )
            .await?;
            act(
                Action::DeclareFailure {
                    on: None,
                    note: "双方对履行期限分歧较大，经建议仍未达成一致".into(),
                },
                mu,
                day(8),
            )
            .await?;
            if *target == Target::ToExecution {
                act(Action::Transfer { on: None, note: String::new() }, &clerk, day(9)).await?;
            }
            continue;
        }
        let amount = file.claim_fen - file.claim_fen / 10 / 100 * 100;
        let first = amount / 2 / 100 * 100;
        let installments = vec![
            Installment { due: d0 + Duration::days(20), amount: first },
            Installment { due: d0 + Duration::days(50), amount: amount - first },
        ];
        let terms = Terms {
            amount_fen: amount,
            installments,
            method: "银行转账".into(),
            account: format!(
                "{}，中国农业银行东营分行营业部，账号6228480{:012}",
                names[0],
                i * 7919
            ),
            other_terms: vec!["申请执行人放弃其余款项及迟延履行期间的债务利息。".into()],
            non_performance_clause: DEFAULT_CLAUSE.into(),
        };
        act(Action::DraftAgreement { on: None, terms }, mu, day(6)).await?;
        if *target == Target::Drafted {
            continue;
        }
        let mut signers: Vec<(SignerRole, String)> = Vec::new();
        for p in &file.parties {
            match p.agents.iter().find(|a| a.authority == Authority::Special) {
                Some(a) => signers.push((SignerRole::Agent, a.name.clone())),
                None => signers.push((
                    SignerRole::Party,
                    if p.kind == PartyKind::Person {
                        p.name.clone()
                    } else {
                        p.legal_rep.clone().unwrap_or_default()
                    },
                )),
            }
        }
        signers.push((SignerRole::Mediator, mediator.name.clone()));
        signers.push((SignerRole::Clerk, clerk.name.clone()));
        if *target == Target::PartlySigned {
            signers.truncate(2);
        }
        for (role, name) in signers {
            act(
                Action::Sign {
                    role,
                    name,
                    image_png_base64: None,
                    points: None,
                    text_sha256: None,
                },
                mu,
                day(6),
            )
            .await?;
        }
        if matches!(target, Target::PartlySigned | Target::Signed) {
            continue;
        }
        act(Action::Transfer { on: None, note: String::new() }, &clerk, day(7)).await?;
        if *age >= 21 {
            act(
                Action::RecordPayment { amount_fen: first, on: None, note: "银行转账".into() },
                &clerk,
                day(20),
            )
            .await?;
        }
        match target {
            Target::Performed => {
                act(
                    Action::RecordPayment {
                        amount_fen: amount - first,
                        on: None,
                        note: "银行转账".into(),
                    },
                    &clerk,
                    day(50),
                )
                .await?;
            }
            Target::Resumed => {
                act(
                    Action::ApplyResume {
                        on: None, note: "被执行人未按期支付第二期款项".into()
                    },
                    &clerk,
                    day(80),
                )
                .await?;
            }
            _ => {}
        }
    }
    Ok(DemoReport { users: 2 + med_users.len(), mediators: mediators.len(), cases: PLAN.len() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_hand_overs_never_name_two_parties_alike() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        for seed in (0..20_000).chain(1_000_000..1_002_000) {
            let h = handover(seed, day);
            assert_ne!(h.parties[0].name, h.parties[1].name, "seed {seed}");
        }
    }
}
