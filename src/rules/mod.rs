//! Legal "rules" of 和解台: pure functions with no I/O and no database.
//!
//! - [`case_number`]: 案号 parsing and canonical formatting.
//! - [`period`]: counting of periods (民诉法 art 85), the working-day calendar, the 2-year
//!   申请执行期间 clock.
//! - [`ids`]: 居民身份证号码 (GB 11643) and 统一社会信用代码 (GB 32100) checks.
//! - [`money`]: amounts in 分 (`i64`), parsing, display and 人民币大写.
//! - [`dates`]: dates in Chinese numerals (落款) and Arabic numerals (body text).
//! - [`interest`]: 迟延履行期间的债务利息 (doubled part, 法释〔2014〕8号).
//!
//! Every error is `crate::error::Error::Invalid` with a stable code and a Chinese message.

pub mod case_number;
pub mod dates;
pub mod ids;
pub mod interest;
pub mod money;
pub mod period;

pub use case_number::CaseNumber;
pub use period::Calendar;
